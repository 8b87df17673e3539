using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>One answered HTTP attempt, read completely (or refused by a guard) before the host's turn ends.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ReasonPhrase">The reason phrase, cleaned and cut (server text), for messages.</param>
internal sealed record HttpAttempt(int Status, string? ReasonPhrase)
{
    /// <summary>The absolute redirect target of a 3xx, if any.</summary>
    public Uri? Location { get; init; }

    /// <summary>The Retry-After of the answer (zero when absent).</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>The body of a 2xx that passed the guards, decoded from its content codings.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The exchange as it went over the wire, for a 2xx page or discovery document that passed the guards.</summary>
    public HttpExchange? Exchange { get; init; }

    /// <summary>The Content-Type header as sent (it may name the charset).</summary>
    public string? ContentType { get; init; }

    /// <summary>The ETag validator.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified validator.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>A guard's reason for refusing an answer: <c>content-type</c>, <c>content-encoding</c> or <c>too-large</c> (a 2xx), <c>bad-redirect</c> (a 3xx).</summary>
    public string? FailureReason { get; init; }

    /// <summary>The guard's explanation.</summary>
    public string? FailureDetail { get; init; }

    /// <summary>An answer refused by a guard.</summary>
    public static HttpAttempt Refused(int status, string reason, string detail) =>
        new(status, null) { FailureReason = reason, FailureDetail = detail };
}
