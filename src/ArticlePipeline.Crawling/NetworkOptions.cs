using System.ComponentModel.DataAnnotations;

namespace ArticlePipeline.Crawling;

/// <summary>Configuration section <c>Network</c>: how and where the crawler may connect.</summary>
public sealed class NetworkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Network";

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

    /// <summary>Seconds between two requests to the same host.</summary>
    /// <value>1 (one request per second per host).</value>
    [Range(0, 3600)]
    public double DelaySeconds { get; set; } = 1.0;

    /// <summary>Timeout of one attempt, in seconds.</summary>
    /// <value>30.</value>
    [Range(1, 600)]
    public double TimeoutSeconds { get; set; } = 30;

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

    /// <summary>Largest response body accepted, after decompression, in bytes.</summary>
    /// <value>10 MiB.</value>
    [Range(1024, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most redirects followed for one URL.</summary>
    /// <value>10.</value>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 10;
}
