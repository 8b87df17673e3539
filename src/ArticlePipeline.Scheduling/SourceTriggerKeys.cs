using Quartz;

namespace ArticlePipeline.Scheduling;

/// <summary>The Quartz keys of a source's crawl job and trigger, for the registrar and for readers such as the console.</summary>
public static class SourceTriggerKeys
{
    /// <summary>The group of every source's job and trigger.</summary>
    public const string Group = "sources";

    /// <summary>The key of <paramref name="sourceId"/>'s crawl job.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <returns>The job key.</returns>
    public static JobKey Job(string sourceId) => new("crawl-" + sourceId, Group);

    /// <summary>The key of <paramref name="sourceId"/>'s cron trigger.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <returns>The trigger key.</returns>
    public static TriggerKey Trigger(string sourceId) => new("crawl-" + sourceId, Group);
}
