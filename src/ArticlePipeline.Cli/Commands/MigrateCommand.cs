using System.CommandLine;
using System.Globalization;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Credits;
using ArticlePipeline.State;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>migrate</c>: upgrades records of an earlier schema version to the current one, and fills the console's catalog from the manifest, idempotently.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> config = CommandOptions.Config();
        Option<string?> output = CommandOptions.Out();
        Option<bool> wait = CommandOptions.Wait();
        var command = new Command("migrate", "Upgrade every schema v1 record in the output folder to v2 (people in authors, agencies, sources, photographers and the site's own name out of them; credits; fetchedUrl and capture unknown), each a new revision; running it again changes nothing. Records whose original text version 1 dropped (a language outside the five) are listed as 'needs refetch' and left as they are. First enters into the console's catalog every revision the manifest lists and the catalog lacks (an archive written before the console). Prints counts: revisions cataloged; examined, upgraded, already current, needs refetch, failed.")
        {
            config, output, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                using OutputLock folder = await OutputLock.AcquireAsync(pipeline.OutputDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);

                // The console's catalog first, so the history of a record upgraded below goes in before its new revision.
                IPipelineStateStore state = await pipeline.OpenStateAsync().ConfigureAwait(false);
                CatalogBackfillResult catalog = await CatalogBackfill.RunAsync(
                    pipeline.OutputDirectory,
                    state,
                    state.RevisionsAsync,
                    ct).ConfigureAwait(false);
                await context.Output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"catalog: {catalog.Revisions} revisions of {catalog.Records} records entered for the console, {catalog.Skipped} manifest lines skipped (record file gone or unreadable)")).ConfigureAwait(false);
                int examined = 0, upgraded = 0, current = 0, refetch = 0, failed = 0;
                foreach (string file in RecordFiles.Enumerate(pipeline.OutputDirectory, sourceId: null))
                {
                    ct.ThrowIfCancellationRequested();
                    examined++;
                    (ArticleRecord? record, string? unreadable) = await RecordFiles.ReadAsync(file, ct).ConfigureAwait(false);
                    if (record is null)
                    {
                        failed++;
                        await context.Error.WriteLineAsync($"{file}: failed: {unreadable}").ConfigureAwait(false);
                        continue;
                    }

                    if (record.SchemaVersion >= ArticleRecord.CurrentSchemaVersion)
                    {
                        current++;
                        continue;
                    }

                    if (!record.Languages.TryGetValue(record.SourceLanguage, out LanguageVersion? original) || original.Content is null)
                    {
                        // Version 1 dropped the text of a language outside the five: there is nothing to upgrade, only
                        // the page to fetch again.
                        refetch++;
                        await context.Output.WriteLineAsync($"needs refetch: {file} ({record.Url}: version 1 kept no {record.SourceLanguage} text; run rerun URL)").ConfigureAwait(false);
                        continue;
                    }

                    RecordSlot slot = await pipeline.Sink.OpenAsync(RecordKey.Of(record), ct).ConfigureAwait(false);
                    if (slot.Existing is null || !string.Equals(Path.GetFullPath(slot.Location), Path.GetFullPath(file), StringComparison.Ordinal))
                    {
                        // A file that is not where its own id and source say it belongs is not this sink's record.
                        failed++;
                        await context.Error.WriteLineAsync($"{file}: failed: not at the path its source and id name ({slot.Location})").ConfigureAwait(false);
                        continue;
                    }

                    try
                    {
                        await pipeline.Sink.WriteAsync(slot, RecordUpgrade.ToCurrent(record), cancellationToken: ct).ConfigureAwait(false);
                        upgraded++;
                        await context.Output.WriteLineAsync($"upgraded: {file}").ConfigureAwait(false);
                    }
                    catch (IOException ex) when (!Core.Abstractions.StorageFullException.IsStorageFull(ex))
                    {
                        failed++;
                        await context.Error.WriteLineAsync($"{file}: failed: {ex.Message}").ConfigureAwait(false);
                    }
                }

                await context.Output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"migrate: examined {examined}, upgraded {upgraded}, already current {current}, needs refetch {refetch}, failed {failed}")).ConfigureAwait(false);
                return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
            }
        }));
        return command;
    }
}
