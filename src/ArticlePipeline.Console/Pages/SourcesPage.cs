using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.OperatorConsole.Html;
using ArticlePipeline.State.Operations;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The sources page: each configured source's last run and next fire time, parked URLs, and what workers hold.</summary>
internal sealed class SourcesPage(IOperationsQueries queries, NextFireTimes fireTimes, IOptions<OperatorConsoleOptions> options, TimeProvider time)
{
    /// <summary>Parked URLs listed; the page gives the total too.</summary>
    private const int ParkedShown = 100;

    private static readonly string[] Headings =
        ["Source", "Last run", "Duration", "Discovered", "Fetched", "Written", "Unchanged", "Not modified", "Skipped", "Failed", "Failures by reason", "Next run"];

    /// <summary>Reads what the page shows.</summary>
    public async Task<SourcesView> LoadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SourceRun> runs = await queries.LatestSourceRunsAsync(cancellationToken).ConfigureAwait(false);
        var lastRuns = runs.ToDictionary(static r => r.SourceId, StringComparer.Ordinal);
        var sources = new List<SourceStatus>();
        foreach (SourceDefinition source in options.Value.Sources)
        {
            (DateTimeOffset? next, string from) = await fireTimes.NextAsync(source, cancellationToken).ConfigureAwait(false);
            sources.Add(new SourceStatus(
                source.Id,
                source.Name,
                source.Province,
                ConsoleFormat.WithoutCredentials(source.HomeUrl),
                fireTimes.Schedule(source),
                next,
                from,
                lastRuns.GetValueOrDefault(source.Id)));
        }

        ParkedPages parked = await queries.ParkedPagesAsync(ParkedShown, cancellationToken).ConfigureAwait(false);
        WorkQueueView work = await queries.WorkQueueAsync(cancellationToken).ConfigureAwait(false);
        return new SourcesView(time.GetUtcNow(), sources, parked.Total, parked.Pages, work);
    }

    /// <summary>Writes the page.</summary>
    public string Render(SourcesView view)
    {
        TimeZoneInfo zone = fireTimes.Zone();
        return ConsoleLayout.Page("Sources", ConsolePaths.Sources, html =>
        {
            html.Open("p", ("class", "note")).Text("Times in ").Text(zone.Id).Text(". Now: ").Text(ConsoleFormat.Time(view.Now, zone)).Close("p");
            html.Open("table", ("class", "sources")).Open("thead").Open("tr");
            foreach (string heading in Headings)
            {
                html.Element("th", heading, ("scope", "col"));
            }

            html.Close("tr").Close("thead").Open("tbody");
            foreach (SourceStatus source in view.Sources)
            {
                WriteSource(html, source, zone);
            }

            html.Close("tbody").Close("table");
            if (view.Sources.Count == 0)
            {
                html.Element("p", "No sources are configured.", ("class", "empty"));
            }

            WriteParked(html, view, zone);
            WriteWork(html, view.Work, zone);
        });
    }

    private static void WriteSource(HtmlWriter html, SourceStatus source, TimeZoneInfo zone)
    {
        html.Open("tr", ("data-source", source.Id)).Open("th", ("scope", "row"));
        html.Open("span", ("class", "name"));
        if (source.HomeUrl is { } home)
        {
            html.Link(home, source.Name.Length > 0 ? source.Name : source.Id);
        }
        else
        {
            html.Text(source.Name.Length > 0 ? source.Name : source.Id);
        }

        html.Close("span").Element("span", source.Id, ("class", "id"));
        if (!string.IsNullOrEmpty(source.Province))
        {
            html.Element("span", source.Province, ("class", "province"));
        }

        html.Close("th");
        if (source.LastRun is { } run)
        {
            SourceRunCounts counts = run.Counts;
            html.Element("td", ConsoleFormat.Time(run.StartedAt, zone), ("data-field", "started"));
            html.Element("td", ConsoleFormat.Duration(run.Duration), ("data-field", "duration"));
            Count(html, "discovered", counts.Discovered);
            Count(html, "fetched", counts.Fetched);
            Count(html, "written", counts.Written);
            Count(html, "unchanged", counts.Unchanged);
            Count(html, "not-modified", counts.NotModified);
            Count(html, "skipped", counts.Skipped);
            Count(html, "failed", counts.Failed);
            html.Open("td", ("data-field", "failures"));
            if (counts.FailedByReason.IsEmpty)
            {
                html.Text("—");
            }
            else
            {
                html.Open("ul", ("class", "reasons"));
                foreach ((string reason, int count) in counts.FailedByReason)
                {
                    html.Open("li").Element("span", reason, ("class", "reason")).Text(" ").Number(count).Close("li");
                }

                html.Close("ul");
            }

            if (counts.DiscoveryFailed)
            {
                html.Element("p", "discovery could read none of its feeds, sitemaps or pages", ("class", "warning"));
            }

            if (counts.Stopped is { } stopped)
            {
                html.Element("p", "stopped: " + stopped, ("class", "warning"));
            }

            if (run.Pending > 0)
            {
                // A cluster run fills in as workers complete the articles it queued: say the counts are not final yet.
                html.Open("p", ("class", "running"), ("data-field", "pending")).Text("running: ").Number(run.Pending)
                    .Text(" of ").Number(run.Queued).Text(" queued articles still to come").Close("p");
            }

            html.Close("td");
        }
        else
        {
            html.Element("td", "never run", ("data-field", "started"), ("colspan", "11"), ("class", "empty"));
        }

        html.Open("td", ("data-field", "next")).Text(ConsoleFormat.Time(source.NextFireAt, zone))
            .Element("span", source.Schedule + " (" + source.NextFireFrom + ")", ("class", "cron")).Close("td");
        html.Close("tr");
    }

    private static void Count(HtmlWriter html, string name, long value) =>
        html.Open("td", ("data-count", name), ("class", "number")).Number(value).Close("td");

    private static void WriteParked(HtmlWriter html, SourcesView view, TimeZoneInfo zone)
    {
        html.Element("h2", "Parked URLs");
        html.Open("p").Number(view.ParkedTotal).Text(view.ParkedTotal == 1 ? " URL is" : " URLs are")
            .Text(" parked after too many consecutive failures; crawls no longer try them (rerun URL does).").Close("p");
        if (view.Parked.Count == 0)
        {
            return;
        }

        html.Open("table", ("class", "parked")).Open("thead").Open("tr")
            .Element("th", "URL", ("scope", "col")).Element("th", "Last failure", ("scope", "col"))
            .Element("th", "Failures", ("scope", "col")).Element("th", "Parked at", ("scope", "col"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (ParkedPage page in view.Parked)
        {
            html.Open("tr").Open("td", ("class", "url")).Link(page.Url, page.Url).Close("td")
                .Element("td", page.Reason ?? "—")
                .Open("td", ("class", "number")).Number(page.Failures).Close("td")
                .Element("td", ConsoleFormat.Time(page.UpdatedAt, zone))
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private static void WriteWork(HtmlWriter html, WorkQueueView work, TimeZoneInfo zone)
    {
        html.Element("h2", "Workers");
        html.Open("p").Number(work.Queued).Text(" work item(s) waiting for a worker.").Close("p");
        if (work.Workers.Count == 0)
        {
            html.Element("p", "No worker holds a lease now.", ("class", "empty"));
            return;
        }

        html.Open("table", ("class", "workers")).Open("thead").Open("tr")
            .Element("th", "Worker", ("scope", "col")).Element("th", "Items held", ("scope", "col"))
            .Element("th", "Hosts", ("scope", "col")).Element("th", "Lease until", ("scope", "col"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (WorkerClaim claim in work.Workers)
        {
            html.Open("tr").Element("td", claim.Owner)
                .Open("td", ("class", "number")).Number(claim.Items).Close("td")
                .Element("td", string.Join(", ", claim.Hosts))
                .Element("td", ConsoleFormat.Time(claim.LeaseExpiresAt, zone))
                .Close("tr");
        }

        html.Close("tbody").Close("table");
    }
}
