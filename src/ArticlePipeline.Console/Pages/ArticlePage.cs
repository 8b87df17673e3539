using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.OperatorConsole.Html;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;
using ArticlePipeline.State.Operations;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One record: its languages side by side, block by block, its revisions and their manifest lines.</summary>
internal sealed class ArticlePage(IOperationsQueries queries, NextFireTimes fireTimes, IOptions<OperatorConsoleOptions> options)
{
    /// <summary>Largest record file read; a larger one is reported instead of shown.</summary>
    private const long MaxRecordBytes = 64L * 1024 * 1024;

    /// <summary>Reads the record's catalog entry, history and file; <see langword="null"/> when none of them exists.</summary>
    public async Task<ArticleView?> LoadAsync(string sourceId, string recordId, CancellationToken cancellationToken)
    {
        CatalogedRecord? entry = await queries.FindRecordAsync(sourceId, recordId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RecordRevision> revisions = entry is null
            ? []
            : await queries.RevisionsAsync(sourceId, recordId, cancellationToken).ConfigureAwait(false);
        (ArticleRecord? record, string? problem) = await ReadRecordAsync(sourceId, recordId, cancellationToken).ConfigureAwait(false);
        if (entry is null && record is null)
        {
            return null;
        }

        IReadOnlyList<string> columns = record is null ? [] : ArticleAlignment.Columns(record);
        return new ArticleView(
            sourceId,
            recordId,
            record?.Url ?? entry!.Url,
            Title(record) ?? entry?.Title ?? "",
            record?.SourceLanguage ?? entry!.SourceLanguage,
            record?.Revision ?? entry!.Revision,
            record?.PublishedAt,
            problem,
            [.. columns.Select(l => Language(record!, l))],
            record is null ? [] : ArticleAlignment.Rows(record),
            [.. revisions.Select(static r => new RevisionLine(r.Revision, r.WrittenAt, r.Change, r.ManifestLine))]);
    }

    /// <summary>Writes the page.</summary>
    public string Render(ArticleView view)
    {
        TimeZoneInfo zone = fireTimes.Zone();
        return ConsoleLayout.Page(view.Title.Length > 0 ? view.Title : view.RecordId, ConsolePaths.Records, html =>
        {
            html.Open("dl", ("class", "facts"))
                .Element("dt", "Record").Element("dd", view.SourceId + "/" + view.RecordId)
                .Element("dt", "URL").Open("dd", ("class", "url")).Link(view.Url, view.Url).Close("dd")
                .Element("dt", "Source language").Element("dd", view.SourceLanguage)
                .Element("dt", "Revision").Open("dd").Number(view.Revision).Close("dd")
                .Element("dt", "Published").Element("dd", ConsoleFormat.Time(view.PublishedAt, zone))
                .Close("dl");
            if (view.Problem is { } problem)
            {
                html.Element("p", problem, ("class", "warning"));
            }

            WriteLanguages(html, view);
            WriteRevisions(html, view, zone);
        });
    }

    private static void WriteLanguages(HtmlWriter html, ArticleView view)
    {
        if (view.Languages.Count == 0)
        {
            return;
        }

        html.Element("h2", "Languages side by side");
        html.Open("div", ("class", "scroll")).Open("table", ("class", "aligned")).Open("thead").Open("tr").Element("th", "", ("scope", "col"));
        foreach (ArticleLanguage language in view.Languages)
        {
            html.Open("th", ("scope", "col"), ("data-language", language.Code), ("class", language.Aligned ? null : "misaligned"))
                .Text(language.Code).Element("span", language.Status + (language.Origin is { } origin ? ", " + origin : ""), ("class", "status"));
            if (language.Reason is { } reason)
            {
                html.Element("span", reason, ("class", "reason"));
            }

            if (!language.Aligned)
            {
                html.Element("span", "block count differs from the source", ("class", "warning"));
            }

            html.Close("th");
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (AlignedRow row in view.Rows)
        {
            string label = row.Part switch
            {
                "block" => "¶ " + (row.Index + 1),
                "unmatched" => "unmatched " + (row.Index + 1),
                _ => row.Part,
            };
            html.Open("tr", ("class", "row-" + row.Part), ("data-part", row.Part)).Element("th", label, ("scope", "row"));
            foreach (ArticleLanguage language in view.Languages)
            {
                string? text = row.Cells.GetValueOrDefault(language.Code);
                html.Open("td", ("lang", language.Code), ("dir", "auto"), ("data-language", language.Code), ("class", text is null ? "missing" : null));
                foreach (string line in (text ?? "").Split('\n'))
                {
                    html.Element("p", line);
                }

                html.Close("td");
            }

            html.Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }

    private static void WriteRevisions(HtmlWriter html, ArticleView view, TimeZoneInfo zone)
    {
        html.Element("h2", "Revisions");
        if (view.Revisions.Count == 0)
        {
            html.Element("p", "No revision is in the catalog (written before it existed); the manifest under the output folder has its lines.", ("class", "empty"));
            return;
        }

        html.Open("table", ("class", "revisions")).Open("thead").Open("tr")
            .Element("th", "Rev.", ("scope", "col")).Element("th", "Written", ("scope", "col"))
            .Element("th", "Change", ("scope", "col")).Element("th", "Manifest line", ("scope", "col"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (RevisionLine revision in view.Revisions)
        {
            html.Open("tr").Open("td", ("class", "number")).Number(revision.Revision).Close("td")
                .Element("td", ConsoleFormat.Time(revision.WrittenAt, zone))
                .Element("td", revision.Change)
                .Open("td").Element("code", revision.ManifestLine, ("class", "manifest")).Close("td")
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private async Task<(ArticleRecord? Record, string? Problem)> ReadRecordAsync(string sourceId, string recordId, CancellationToken cancellationToken)
    {
        if (JsonRecordSink.RecordPathUnder(options.Value.OutputDirectory, sourceId, recordId) is not { } path)
        {
            return (null, null);
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return (null, "The record file is missing from the output folder.");
        }

        if (file.Length > MaxRecordBytes)
        {
            return (null, "The record file is too large to show.");
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return RecordSerializer.Deserialize(bytes) is { } record
            ? (record, null)
            : (null, "The record file does not hold a valid record.");
    }

    private static string? Title(ArticleRecord? record) =>
        record is not null && record.Languages.TryGetValue(record.SourceLanguage, out LanguageVersion? source) ? source.Content?.Title : null;

    private static ArticleLanguage Language(ArticleRecord record, string code)
    {
        LanguageVersion version = record.Languages[code];
        return new ArticleLanguage(
            code,
            JsonNamingPolicy.CamelCase.ConvertName(version.Status.ToString()),
            version.Origin is { } origin ? JsonNamingPolicy.CamelCase.ConvertName(origin.ToString()) : null,
            version.Reason,
            version.Content?.Blocks.Length ?? 0,
            ArticleAlignment.IsAligned(record, code),
            version.Match?.Confidence);
    }
}
