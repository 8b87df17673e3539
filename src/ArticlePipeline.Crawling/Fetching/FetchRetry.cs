using System.Net;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>Which responses are worth retrying, and how long the server asked us to wait. Pure.</summary>
internal static class FetchRetry
{
    /// <summary>408, 429 and 5xx are transient; everything else is an answer.</summary>
    public static bool IsTransient(HttpStatusCode status) => IsTransient((int)status);

    /// <summary>408, 429 and 5xx are transient; everything else is an answer.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 || status >= 500;

    /// <summary>The Retry-After of a response as a delay (zero when absent or in the past).</summary>
    public static TimeSpan RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return TimeSpan.Zero;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date && date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero;
    }
}
