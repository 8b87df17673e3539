using System.Diagnostics;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// Hears what <see cref="HostWorkLoop"/> does with each work item: the cluster worker turns it into metrics and log
/// lines, a local pass into its <see cref="Pipeline.CrawlSummary"/>, progress and source runs.
/// </summary>
public interface IWorkItemObserver
{
    /// <summary>An item is done (its lease completed, or lost meanwhile).</summary>
    /// <param name="lease">The item's lease.</param>
    /// <param name="source">Its source, if still configured.</param>
    /// <param name="result">What it came to.</param>
    /// <param name="completed">Whether this lease completed it (<see langword="false"/> when the lease was lost).</param>
    void Done(WorkLease lease, SourceDefinition? source, WorkItemResult result, bool completed);

    /// <summary>An item failed with an exception (cancellation by the grace period excepted).</summary>
    /// <param name="lease">The item's lease.</param>
    /// <param name="source">Its source, if still configured.</param>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> when the item is finished with (completed); <see langword="false"/> to give it back to the queue for another try.</returns>
    bool Failed(WorkLease lease, SourceDefinition? source, Exception exception);

    /// <summary>The span an item's work goes under (a local pass's source run), or <see langword="null"/>: a discovery then gets a source-run span of its own.</summary>
    /// <param name="item">The item.</param>
    /// <param name="source">Its source, if still configured.</param>
    /// <returns>The span.</returns>
    Activity? SpanOf(WorkItem item, SourceDefinition? source) => null;

    /// <summary>The queue's depth, read at each poll.</summary>
    /// <param name="depth">Items queued or leased.</param>
    void QueueDepth(long depth)
    {
    }

    /// <summary>A host was taken from a holder that let its lease expire.</summary>
    void HostTakenOver()
    {
    }
}
