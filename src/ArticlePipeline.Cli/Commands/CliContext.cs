using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Cli.Commands;

/// <summary>The streams of one invocation and the error handling every command shares.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Runs a command body: usage errors become one line on stderr and exit code 2.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (StorageFullException.IsStorageFull(ex))
        {
            // What was written before is whole (atomic writes); the rest waits for space.
            await Error.WriteLineAsync("error: storage full: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }
    }

    /// <summary>Prints the outcome of one article: the record path on stdout, problems on stderr.</summary>
    public int Report(ArticleOutcome outcome)
    {
        if (outcome.Kind == ArticleOutcomeKind.Failed)
        {
            Error.WriteLine($"error: {outcome.Url.AbsoluteUri}: {outcome.Reason}: {UntrustedText.Clean(outcome.Detail, FetchOutcome.MaxDetailLength)}");
            return ExitCodes.SomeFailed;
        }

        if (outcome.RecordPath is not null)
        {
            Output.WriteLine(outcome.RecordPath);
        }

        if (outcome.Kind == ArticleOutcomeKind.Unchanged)
        {
            Error.WriteLine("info: unchanged, nothing written (use --force to rewrite)");
        }
        else if (outcome.Kind == ArticleOutcomeKind.NotModified)
        {
            Error.WriteLine("info: not modified since the last fetch (HTTP 304)");
        }

        if (outcome.BilledCharacters > 0 || outcome.SavedCharacters > 0)
        {
            Error.WriteLine($"info: characters billed {outcome.BilledCharacters}, saved by memory {outcome.SavedCharacters}");
        }

        if (outcome.Editions is { } editions && editions.Publisher + editions.Mirror + editions.Machine + editions.Rejected.Length > 0)
        {
            Error.WriteLine("info: " + CrawlSummary.FormatEditions(editions));
            foreach (Core.Editions.RejectedEdition refused in editions.Rejected)
            {
                Error.WriteLine($"info: edition refused: {refused.Url} as {refused.Language}: {refused.Reason}");
            }
        }

        if (!outcome.PendingLanguages.IsEmpty)
        {
            Error.WriteLine($"info: pending languages: {string.Join(", ", outcome.PendingLanguages)}");
        }

        return ExitCodes.Success;
    }
}
