using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Work;

namespace ArticlePipeline.Worker.Tests;

/// <summary>
/// The worker's metrics hear a pass as it goes (<see cref="ICrawlPassListener"/>): a discovery's URLs and its skips by
/// reason, then each later skip, on the counters an operator watches.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PipelineMetricsTests
{
    [Test]
    public void A_discovery_and_a_later_skip_land_on_the_discovered_and_skipped_counters_by_reason()
    {
        using var metrics = new PipelineMetrics();
        var seen = new ConcurrentQueue<(string Instrument, long Value, string? Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PipelineMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            seen.Enqueue((instrument.Name, value, reason));
        });
        listener.Start();
        ICrawlPassListener pass = metrics;

        pass.Discovered(new SourceDiscoveryRun(
            "baosonghau", 12, 9, ImmutableDictionary<string, int>.Empty.Add(SkipReasons.Filtered, 2).Add(SkipReasons.Seen, 1), [], Failed: false));
        pass.Skipped(SkipReasons.Seen);

        Assert.That(seen, Is.EquivalentTo(new[]
        {
            ("articlepipeline.articles.discovered", 12L, (string?)null),
            ("articlepipeline.articles.skipped", 2L, SkipReasons.Filtered),
            ("articlepipeline.articles.skipped", 1L, SkipReasons.Seen),
            ("articlepipeline.articles.skipped", 1L, SkipReasons.Seen),
        }));
    }
}
