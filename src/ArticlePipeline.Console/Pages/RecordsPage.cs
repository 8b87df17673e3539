using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.OperatorConsole.Html;
using ArticlePipeline.State.Operations;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The records page: the catalog newest first, searchable by title, URL or source, one page at a time.</summary>
internal sealed class RecordsPage(IOperationsQueries queries, NextFireTimes fireTimes, IOptions<OperatorConsoleOptions> options)
{
    /// <summary>The highest page number accepted (far beyond any archive, low enough that the offset cannot overflow).</summary>
    private const int MaxPage = 1_000_000;

    /// <summary>Longest search text accepted; a longer one is cut.</summary>
    private const int MaxQueryLength = 200;

    private static readonly string[] Headings = ["Title", "Source", "Written", "Rev.", "Languages", "URL"];

    /// <summary>Reads one page of the catalog.</summary>
    /// <param name="text">The search text (<c>q</c>).</param>
    /// <param name="source">Only this source (<c>source</c>).</param>
    /// <param name="page">The 1-based page (<c>page</c>); anything unreadable is page 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<RecordsView> LoadAsync(string? text, string? source, string? page, CancellationToken cancellationToken)
    {
        int size = options.Value.PageSize;
        int number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? Math.Clamp(parsed, 1, MaxPage) : 1;
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, MaxQueryLength)];
        source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        RecordListPage found = await queries.ListRecordsAsync(new RecordQuery(text, source, (number - 1) * size, size), cancellationToken).ConfigureAwait(false);
        int pages = (int)Math.Max(1, (found.Total + size - 1) / size);
        return new RecordsView(text, source, number, size, found.Total, pages, found.Items);
    }

    /// <summary>Writes the page.</summary>
    public string Render(RecordsView view)
    {
        TimeZoneInfo zone = fireTimes.Zone();
        return ConsoleLayout.Page("Records", ConsolePaths.Records, html =>
        {
            WriteSearch(html, view);
            html.Open("p", ("class", "note"), ("data-field", "total")).Number(view.Total)
                .Text(view.Total == 1 ? " record" : " records").Text(view.Query is null && view.Source is null ? "" : " match").Close("p");
            if (view.Items.Count > 0)
            {
                html.Open("table", ("class", "records")).Open("thead").Open("tr");
                foreach (string heading in Headings)
                {
                    html.Element("th", heading, ("scope", "col"));
                }

                html.Close("tr").Close("thead").Open("tbody");
                foreach (CatalogedRecord record in view.Items)
                {
                    html.Open("tr", ("data-record", record.SourceId + "/" + record.RecordId))
                        .Open("td", ("class", "title"), ("lang", record.SourceLanguage), ("dir", "auto"))
                        .Link(ConsolePaths.Article(record.SourceId, record.RecordId), record.Title.Length > 0 ? record.Title : record.RecordId).Close("td")
                        .Element("td", record.SourceId)
                        .Element("td", ConsoleFormat.Time(record.WrittenAt, zone))
                        .Open("td", ("class", "number")).Number(record.Revision).Close("td")
                        .Open("td");
                    WriteStatuses(html, record.Languages);
                    html.Close("td").Open("td", ("class", "url")).Link(record.Url, record.Url).Close("td").Close("tr");
                }

                html.Close("tbody").Close("table");
            }
            else
            {
                html.Element("p", view.Total > 0 ? "No records on this page." : "No records.", ("class", "empty"));
            }

            WritePager(html, view);
        });
    }

    /// <summary>Each language's status as a short badge: <c>vi original</c>, <c>uk pending</c>.</summary>
    internal static void WriteStatuses(HtmlWriter html, IReadOnlyDictionary<string, string> languages)
    {
        html.Open("ul", ("class", "statuses"));
        foreach ((string language, string status) in languages.OrderBy(static p => p.Key, Languages.RecordOrder))
        {
            html.Open("li", ("class", "status-" + (status is "original" or "translated" or "pending" or "failed" ? status : "other")))
                .Text(language).Text(" ").Text(status).Close("li");
        }

        html.Close("ul");
    }

    private void WriteSearch(HtmlWriter html, RecordsView view)
    {
        html.Open("form", ("method", "get"), ("action", ConsolePaths.Records), ("class", "search"), ("role", "search"))
            .Element("label", "Title, URL or source", ("for", "q"))
            .Void("input", ("type", "search"), ("id", "q"), ("name", "q"), ("value", view.Query ?? ""), ("maxlength", MaxQueryLength.ToString(CultureInfo.InvariantCulture)))
            .Element("label", "Source", ("for", "source"))
            .Open("select", ("id", "source"), ("name", "source"))
            .Element("option", "all sources", ("value", ""));
        foreach (string id in options.Value.Sources.Select(static s => s.Id).Order(StringComparer.Ordinal))
        {
            html.Element("option", id, ("value", id), ("selected", id == view.Source ? "selected" : null));
        }

        html.Close("select").Element("button", "Search", ("type", "submit")).Close("form");
    }

    private static void WritePager(HtmlWriter html, RecordsView view)
    {
        html.Open("nav", ("class", "pager"), ("aria-label", "pages"));
        if (view.Page > 1)
        {
            html.Link(PageLink(view, 1), "« first").Text(" ").Link(PageLink(view, Math.Min(view.Page - 1, view.PageCount)), "‹ previous").Text(" ");
        }

        html.Open("span", ("data-field", "page")).Text("page ").Number(view.Page).Text(" of ").Number(view.PageCount).Close("span");
        if (view.Page < view.PageCount)
        {
            html.Text(" ").Link(PageLink(view, view.Page + 1), "next ›").Text(" ").Link(PageLink(view, view.PageCount), "last »");
        }

        html.Close("nav");
    }

    private static string PageLink(RecordsView view, int page)
    {
        var query = new List<string>();
        if (view.Query is { } text)
        {
            query.Add("q=" + Uri.EscapeDataString(text));
        }

        if (view.Source is { } source)
        {
            query.Add("source=" + Uri.EscapeDataString(source));
        }

        query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return ConsolePaths.Records + "?" + string.Join('&', query);
    }
}
