using System.Diagnostics;

namespace ArticlePipeline.Core.Telemetry;

/// <summary>
/// The pipeline's traces, on the <c>ArticlePipeline</c> activity source (System.Diagnostics; exported by any
/// OpenTelemetry tracer that adds the source): one span per source run, one per article with a child span per stage.
/// </summary>
/// <remarks>
/// Without a listener <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns <see langword="null"/>,
/// so every helper here accepts and returns <see langword="null"/> and costs nothing when tracing is off.
/// </remarks>
public static class PipelineActivities
{
    /// <summary>The activity source name, the same as the meter's.</summary>
    public const string SourceName = "ArticlePipeline";

    /// <summary>The span of one source run: discovery, then its articles.</summary>
    public const string SourceRun = "source-run";

    /// <summary>The span of a source's discovery (feeds, sitemaps, listing pages).</summary>
    public const string Discover = "discover";

    /// <summary>The span of one article, parent of the stage spans.</summary>
    public const string Article = "article";

    /// <summary>The stage span of fetching the article page.</summary>
    public const string Fetch = "fetch";

    /// <summary>The stage span of extracting and normalizing the article.</summary>
    public const string Extract = "extract";

    /// <summary>The stage span of finding the publisher's and mirrors' editions.</summary>
    public const string Editions = "editions";

    /// <summary>The stage span of filling the other languages (memory, then the translator).</summary>
    public const string Translate = "translate";

    /// <summary>The stage span of writing the record.</summary>
    public const string Write = "write";

    /// <summary>The tag naming the configured source.</summary>
    public const string SourceIdTag = "articlepipeline.source.id";

    /// <summary>The tag holding the article URL (OpenTelemetry's semantic convention name).</summary>
    public const string UrlTag = "url.full";

    /// <summary>The tag holding the article outcome (written, unchanged, not-modified, failed, skipped).</summary>
    public const string OutcomeTag = "articlepipeline.outcome";

    /// <summary>The tag holding the failure or skip reason.</summary>
    public const string ReasonTag = "articlepipeline.reason";

    /// <summary>The tag counting the URLs a discovery found.</summary>
    public const string DiscoveredTag = "articlepipeline.discovered";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of one source run.</summary>
    /// <param name="sourceId">The source.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartSourceRun(string sourceId) =>
        Source.StartActivity(SourceRun)?.SetTag(SourceIdTag, sourceId);

    /// <summary>Starts the span of one article; the stage spans started while it is current become its children.</summary>
    /// <param name="url">The article URL.</param>
    /// <param name="sourceId">Its source, if any.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartArticle(Uri url, string? sourceId)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Source.StartActivity(Article)?.SetTag(SourceIdTag, sourceId).SetTag(UrlTag, url.AbsoluteUri);
    }

    /// <summary>Starts a stage span (<see cref="Fetch"/>, <see cref="Extract"/>, ...) under the current span.</summary>
    /// <param name="stage">The stage name.</param>
    /// <param name="url">The page the stage works on, if any.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartStage(string stage, Uri? url = null)
    {
        Activity? activity = Source.StartActivity(stage);
        if (activity is not null && url is not null)
        {
            activity.SetTag(UrlTag, url.AbsoluteUri);
        }

        return activity;
    }

    /// <summary>Records an article's outcome on its span; a failure sets the span's status to error.</summary>
    /// <param name="activity">The article span.</param>
    /// <param name="outcome">written, unchanged, not-modified, failed or skipped.</param>
    /// <param name="reason">The failure or skip reason.</param>
    public static void SetOutcome(Activity? activity, string outcome, string? reason = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OutcomeTag, outcome);
        if (reason is not null)
        {
            activity.SetTag(ReasonTag, reason);
        }

        if (outcome == "failed")
        {
            activity.SetStatus(ActivityStatusCode.Error, reason);
        }
    }

    /// <summary>Marks a span as failed by an exception that escapes it (cancellation is not a failure).</summary>
    /// <param name="activity">The span.</param>
    /// <param name="exception">The exception.</param>
    public static void SetException(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null || exception is OperationCanceledException)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
