using System.CommandLine;
using System.Globalization;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Output.Warc;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>reprocess</c>: re-extracts records from their WARC captures, without the network.</summary>
internal static class ReprocessCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Option<string?>("--source") { Description = "Only this source's records.", HelpName = "ID" };
        var since = new Option<string?>("--since") { Description = "Only records fetched at or after DATE (ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00+07:00; a date without an offset is UTC).", HelpName = "DATE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would change; write and translate nothing." };
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command("reprocess", "Re-extract every record from its captured response (WARC) with today's extractor and profiles, without the network; a new revision only where the content changed, only changed segments translated (the translation memory serves the rest). Records without a capture are listed, not touched. Prints counts: examined, changed, unchanged, failed, without capture.")
        {
            source, since, dryRun, config, output, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            DateTimeOffset? from = ParseSince(parse.GetValue(since));
            string? sourceId = parse.GetValue(source);
            bool dry = parse.GetValue(dryRun);
            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                using OutputLock folder = await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                await pipeline.OpenStateAsync().ConfigureAwait(false);
                SourceCatalog catalog = pipeline.LoadSources(required: false);
                if (sourceId is not null && catalog.Sources.All(s => s.Id != sourceId) && !Directory.Exists(Path.Combine(pipeline.OutputDirectory, "records", sourceId)))
                {
                    throw new UsageException($"no source '{sourceId}' in {pipeline.SourcesFile} and no records of it under {pipeline.OutputDirectory}");
                }

                // Captures are read whether or not new ones are being written (Output:Warc).
                ICaptureStore captures = pipeline.Services.GetRequiredService<WarcCaptureStore>();
                int maxBody = pipeline.Network.MaxBodyBytes;
                var reprocessor = new CaptureReprocessor(captures, pipeline.Processor, (exchange, token) => CapturedPayload.DecodeAsync(exchange, maxBody, token));
                var counts = new Counts();
                foreach (string file in RecordFiles.Enumerate(pipeline.OutputDirectory, sourceId))
                {
                    ct.ThrowIfCancellationRequested();
                    (ArticleRecord? record, string? unreadable) = await RecordFiles.ReadAsync(file, ct).ConfigureAwait(false);
                    if (record is null)
                    {
                        counts.Examined++;
                        counts.Failed++;
                        await context.Error.WriteLineAsync($"{file}: failed: {unreadable}").ConfigureAwait(false);
                        continue;
                    }

                    if (from is { } start && record.FetchedAt < start)
                    {
                        continue;
                    }

                    counts.Examined++;
                    if (record.Capture is null)
                    {
                        counts.WithoutCapture++;
                        await context.Output.WriteLineAsync($"no capture: {file}").ConfigureAwait(false);
                        continue;
                    }

                    SourceDefinition? definition = catalog.Sources.FirstOrDefault(s => s.Id == record.Source.Id);
                    ArticleOutcome outcome;
                    try
                    {
                        outcome = await reprocessor.ReprocessAsync(record, definition, dry, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or UnauthorizedAccessException or (IOException and not StorageFullException))
                    {
                        // One record's fault, never the pass's: counted, and the next record goes on.
                        outcome = ArticleOutcome.Failure(new Uri(record.Url), "reprocess", ex.Message);
                    }

                    switch (outcome.Kind)
                    {
                        case ArticleOutcomeKind.Written:
                            counts.Changed++;
                            await context.Output.WriteLineAsync($"{(dry ? "would change" : "changed")}: {outcome.RecordPath ?? file}").ConfigureAwait(false);
                            break;
                        case ArticleOutcomeKind.Failed:
                            counts.Failed++;
                            await context.Error.WriteLineAsync($"{file}: failed: {outcome.Reason}: {outcome.Detail}").ConfigureAwait(false);
                            break;
                        default:
                            counts.Unchanged++;
                            break;
                    }

                    counts.Billed += outcome.BilledCharacters;
                    counts.Saved += outcome.SavedCharacters;
                }

                await context.Output.WriteLineAsync(counts.ToString(dry)).ConfigureAwait(false);
                return counts.Failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
            }
        }));
        return command;
    }

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at
            : throw new UsageException($"--since: not a date: {text} (use ISO 8601, e.g. 2026-11-01)");
    }

    private sealed class Counts
    {
        public int Examined { get; set; }

        public int Changed { get; set; }

        public int Unchanged { get; set; }

        public int Failed { get; set; }

        public int WithoutCapture { get; set; }

        public long Billed { get; set; }

        public long Saved { get; set; }

        public string ToString(bool dryRun) => string.Create(
            CultureInfo.InvariantCulture,
            $"reprocess{(dryRun ? " (dry run)" : string.Empty)}: examined {Examined}, {(dryRun ? "would change" : "changed")} {Changed}, unchanged {Unchanged}, failed {Failed}, without capture {WithoutCapture}; characters billed {Billed}, saved by memory {Saved}");
    }
}
