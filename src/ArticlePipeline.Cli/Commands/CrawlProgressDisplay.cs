using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Text;
using Spectre.Console;

namespace ArticlePipeline.Cli.Commands;

/// <summary>
/// How <c>crawl --once</c> shows progress: a live display (Spectre.Console) when stdout is an interactive terminal,
/// one plain line per article when it is redirected (logs, pipes, cron mail).
/// </summary>
internal static class CrawlProgressDisplay
{
    /// <summary>Runs <paramref name="crawl"/>, reporting each article outcome as it happens.</summary>
    public static async Task<CrawlSummary> RunAsync(TextWriter output, Func<IProgress<ArticleOutcome>, Task<CrawlSummary>> crawl)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            var lock_ = new Lock();
            return await crawl(new Reporter(outcome =>
            {
                lock (lock_)
                {
                    output.WriteLine(PlainLine(outcome));
                }
            })).ConfigureAwait(false);
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("crawling", autoStart: true);
                task.IsIndeterminate = true;
                int written = 0, unchanged = 0, notModified = 0, failed = 0;
                var lock_ = new Lock();
                CrawlSummary summary = await crawl(new Reporter(outcome =>
                {
                    lock (lock_)
                    {
                        switch (outcome.Kind)
                        {
                            case ArticleOutcomeKind.Written: written++; break;
                            case ArticleOutcomeKind.Unchanged: unchanged++; break;
                            case ArticleOutcomeKind.NotModified: notModified++; break;
                            default: failed++; break;
                        }

                        task.Description = Markup.Escape(
                            $"written {written}, unchanged {unchanged}, not-modified {notModified}, failed {failed} | {outcome.Url.AbsoluteUri}");
                    }
                })).ConfigureAwait(false);
                task.StopTask();
                return summary;
            }).ConfigureAwait(false);
    }

    /// <summary>The plain line of one article: what happened, the URL, and the record path or the reason.</summary>
    public static string PlainLine(ArticleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            // AbsoluteUri, not ToString(): the escaped form cannot carry a bidi override or a control character.
            ArticleOutcomeKind.Written => $"written {outcome.Url.AbsoluteUri} -> {outcome.RecordPath}",
            ArticleOutcomeKind.Unchanged => $"unchanged {outcome.Url.AbsoluteUri}",
            ArticleOutcomeKind.NotModified => $"not-modified {outcome.Url.AbsoluteUri}",
            _ => $"failed {outcome.Url.AbsoluteUri}: {outcome.Reason}: {UntrustedText.Clean(outcome.Detail, FetchOutcome.MaxDetailLength)}",
        };
    }

    // Reports on the crawler's thread, so lines come out in the order articles finish.
    private sealed class Reporter(Action<ArticleOutcome> report) : IProgress<ArticleOutcome>
    {
        public void Report(ArticleOutcome value) => report(value);
    }
}
