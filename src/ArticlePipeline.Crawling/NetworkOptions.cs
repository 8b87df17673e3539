using System.ComponentModel.DataAnnotations;
using ArticlePipeline.Core.Composition;

namespace ArticlePipeline.Crawling;

/// <summary>Configuration section <c>Network</c>: how and where the crawler may connect.</summary>
public sealed class NetworkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Network";

    /// <summary>The highest <see cref="MaxConnectionsPerHost"/> a configuration or a source may ask for.</summary>
    public const int MaxConnectionsLimit = 16;

    /// <summary>The highest <see cref="MaxBodyBytes"/> allowed: 256 MiB.</summary>
    public const int MaxBodyLimit = 256 * 1024 * 1024;

    /// <summary>
    /// The cap on one feed or sitemap document, in bytes: the sitemap protocol's 50 MiB uncompressed. It applies to the
    /// download and again to a gzip sitemap's decompressed bytes, separately from <see cref="MaxBodyBytes"/>.
    /// </summary>
    public const int MaxDiscoveryDocumentBytes = 50 * 1024 * 1024;

    /// <summary>Allow loopback, private, link-local and cloud metadata addresses.</summary>
    /// <value><see langword="false"/>: such targets are refused, for every URL and every redirect hop.</value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Allow <c>file://</c> URLs (the offline sample uses them).</summary>
    /// <value><see langword="false"/>.</value>
    public bool AllowFileUrls { get; set; }

    /// <summary>The User-Agent sent with every request; name the project and a contact.</summary>
    /// <value><c>ArticlePipeline/1.0 (+https://github.com/article-pipeline; news-archive crawler)</c>.</value>
    [Required]
    public string UserAgent { get; set; } = "ArticlePipeline/1.0 (+https://github.com/article-pipeline; news-archive crawler)";

    /// <summary>
    /// The product token matched against robots.txt <c>User-agent</c> lines (case-insensitively). Empty means the
    /// leading token of <see cref="UserAgent"/>.
    /// </summary>
    /// <value>Empty: <c>ArticlePipeline</c> with the default User-Agent.</value>
    public string? RobotsProductToken { get; set; }

    /// <summary>Seconds between the starts of two requests to the same host (host and port); a source may override it.</summary>
    /// <value>1 (one request per second per host).</value>
    [Range(0, 3600)]
    public double DelaySeconds { get; set; } = 1.0;

    /// <summary>Requests in flight to the same host at once; a source may override it.</summary>
    /// <value>1.</value>
    [Range(1, MaxConnectionsLimit)]
    public int MaxConnectionsPerHost { get; set; } = 1;

    /// <summary>Longest robots.txt <c>Crawl-delay</c> honoured, in seconds; a longer one is cut to this.</summary>
    /// <value>30.</value>
    [Range(0, 3600)]
    public double MaxCrawlDelaySeconds { get; set; } = 30;

    /// <summary>How long a robots.txt is used before it is fetched again, in hours (RFC 9309 allows at most 24).</summary>
    /// <value>24.</value>
    [Range(0.001, 24)]
    public double RobotsCacheHours { get; set; } = 24;

    /// <summary>
    /// After a robots.txt could not be fetched (5xx, 429, network error) the host is disallowed; it is asked again
    /// after this many minutes.
    /// </summary>
    /// <value>10.</value>
    [Range(0.001, 1440)]
    public double RobotsRetryMinutes { get; set; } = 10;

    /// <summary>Timeout of one attempt, in seconds: the headers and the whole body must arrive within it.</summary>
    /// <value>30.</value>
    [Range(0.01, 600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Timeout of one URL including its retries and politeness waits, in seconds.</summary>
    /// <value>120.</value>
    [Range(0.01, 3600)]
    public double TotalTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a transient failure (connection error, 408, 429, 5xx).</summary>
    /// <value>2.</value>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the jittered exponential backoff, in seconds.</summary>
    /// <value>1.</value>
    [Range(0, 60)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Longest Retry-After the crawler waits for; a longer one fails the URL for this pass.</summary>
    /// <value>60.</value>
    [Range(0, 3600)]
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>
    /// Per-host circuit breaker: the share of failed attempts (connection errors, timeouts, 408, 429, 5xx) within
    /// <see cref="BreakerSamplingSeconds"/> that opens the circuit.
    /// </summary>
    /// <value>0.5.</value>
    [Range(0.01, 1)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts to a host within the sampling window before the breaker may open.</summary>
    /// <value>5.</value>
    [Range(2, 10000)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>The breaker's sampling window, in seconds.</summary>
    /// <value>60.</value>
    [Range(0.5, 86400)]
    public double BreakerSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit fails a host's requests at once, without asking it, in seconds.</summary>
    /// <value>60.</value>
    [Range(0.5, 86400)]
    public double BreakerBreakSeconds { get; set; } = 60;

    /// <summary>
    /// Largest response body accepted, both as sent and after decompression, in bytes (also the largest file
    /// <c>extract</c> reads). A body is held in memory while it is read, so the range is 1 KiB to
    /// <see cref="MaxBodyLimit"/>.
    /// </summary>
    /// <value>10 MiB.</value>
    [Range(1024, MaxBodyLimit)]
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The HTTP proxy every request goes through, e.g. <c>http://proxy.internal:3128</c> (user and password may be
    /// given in the URL). Proxy environment variables (<c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>) are
    /// ignored: only this setting sends requests through a proxy. With a proxy, the address policy resolves each host
    /// itself before the request is sent, since the connection then goes to the proxy.
    /// </summary>
    /// <value>Empty: direct connections.</value>
    public string? Proxy { get; set; }

    /// <summary>Most redirects followed for one URL.</summary>
    /// <value>10.</value>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 10;

    /// <summary>The product token used for robots.txt: <see cref="RobotsProductToken"/>, else the User-Agent's.</summary>
    /// <returns>A token of letters, <c>_</c> and <c>-</c>.</returns>
    public string ProductToken()
    {
        string token = Robots.RobotsParser.ProductToken(string.IsNullOrWhiteSpace(RobotsProductToken) ? UserAgent ?? string.Empty : RobotsProductToken);
        return token.Length > 0 ? token : "ArticlePipeline";
    }

    /// <summary>The proxy as a URL, or <see langword="null"/> when none is set or the value is not a proxy URL.</summary>
    /// <returns>The proxy URL, user information included.</returns>
    public Uri? ProxyUri() =>
        Uri.TryCreate(Proxy?.Trim(), UriKind.Absolute, out Uri? proxy) && proxy.Scheme is "http" or "https" or "socks5" &&
        proxy.Host.Length > 0 && proxy.AbsolutePath == "/" && proxy.Query.Length == 0 ? proxy : null;

    /// <summary>
    /// Checks the values the data annotations describe, and the rules <see cref="RuleProblems"/> adds: what the host
    /// reports at start for the <c>Network</c> section (<c>AddArticleCrawling</c>), for options built by hand.
    /// </summary>
    /// <returns>One line per problem; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() => [.. SectionOptions.AnnotationProblems(this, SectionName), .. RuleProblems()];

    /// <summary>The rules data annotations cannot say: the shape of the product token, the User-Agent and the proxy.</summary>
    /// <returns>One line per problem.</returns>
    public IEnumerable<string> RuleProblems()
    {
        if (!string.IsNullOrWhiteSpace(RobotsProductToken) && Robots.RobotsParser.ProductToken(RobotsProductToken) != RobotsProductToken.Trim())
        {
            yield return $"{SectionName}:RobotsProductToken: only letters, '_' and '-' are allowed (RFC 9309)";
        }

        if (UserAgent?.Any(char.IsControl) == true)
        {
            // A CR or LF would end the header and let the value inject headers of its own.
            yield return $"{SectionName}:UserAgent: control characters (CR, LF, tab...) are not allowed";
        }

        if (!string.IsNullOrWhiteSpace(Proxy) && ProxyUri() is null)
        {
            // The value is not echoed: it may hold a password.
            yield return $"{SectionName}:Proxy: must be an absolute http, https or socks5 URL with a host and no path";
        }
    }
}
