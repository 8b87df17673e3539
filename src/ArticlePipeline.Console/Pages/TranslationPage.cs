using ArticlePipeline.OperatorConsole.Html;
using ArticlePipeline.State.Operations;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The translation page: pending languages by reason, characters billed today and this month against the budget, characters saved.</summary>
internal sealed class TranslationPage(IOperationsQueries queries, NextFireTimes fireTimes, IOptions<OperatorConsoleOptions> options, TimeProvider time)
{
    /// <summary>Reads what the page shows.</summary>
    public async Task<TranslationView> LoadAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        TranslationUsage usage = await queries.TranslationUsageAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PendingLanguageCount> pending = await queries.PendingLanguagesAsync(cancellationToken).ConfigureAwait(false);
        long budget = options.Value.MonthlyCharacterBudget;
        return new TranslationView(
            now,
            usage,
            budget,
            budget > 0 ? Math.Max(0, budget - usage.BilledThisMonth) : null,
            budget > 0 ? (double)usage.BilledThisMonth / budget : null,
            pending);
    }

    /// <summary>Writes the page.</summary>
    public string Render(TranslationView view)
    {
        TimeZoneInfo zone = fireTimes.Zone();
        return ConsoleLayout.Page("Translation", ConsolePaths.Translation, html =>
        {
            html.Element("h2", "Characters");
            html.Open("p", ("class", "note")).Text("Days and months are UTC. Now: ").Text(ConsoleFormat.Time(view.Now, zone)).Close("p");
            html.Open("table", ("class", "usage")).Open("thead").Open("tr")
                .Element("th", "", ("scope", "col")).Element("th", "Today", ("scope", "col")).Element("th", "This month", ("scope", "col"))
                .Close("tr").Close("thead").Open("tbody");
            Row(html, "billed", "Billed by the Translator", view.Usage.BilledToday, view.Usage.BilledThisMonth);
            Row(html, "saved", "Saved by the translation memory", view.Usage.SavedToday, view.Usage.SavedThisMonth);
            html.Close("tbody").Close("table");
            if (view.MonthlyBudget > 0)
            {
                html.Open("p", ("data-field", "budget")).Text("Monthly budget ").Number(view.MonthlyBudget).Text(" characters: ")
                    .Text(ConsoleFormat.Percent(view.BudgetUsed ?? 0)).Text(" used, ").Number(view.BudgetLeft ?? 0).Text(" left.").Close("p");
                html.Open("meter", ("min", "0"), ("max", "1"), ("value", (view.BudgetUsed ?? 0).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)), ("high", "0.8"), ("optimum", "0"))
                    .Text(ConsoleFormat.Percent(view.BudgetUsed ?? 0)).Close("meter");
            }
            else
            {
                html.Element("p", "No monthly budget is configured (Console:MonthlyCharacterBudget).", ("class", "empty"), ("data-field", "budget"));
            }

            html.Element("h2", "Pending languages");
            if (view.Pending.Count == 0)
            {
                html.Element("p", "No language is pending.", ("class", "empty"));
                return;
            }

            string[] languages = [.. view.Pending.Select(static p => p.Language).Distinct(StringComparer.Ordinal).Order(Core.Model.Languages.RecordOrder)];
            html.Open("table", ("class", "pending")).Open("thead").Open("tr").Element("th", "Reason", ("scope", "col"));
            foreach (string language in languages)
            {
                html.Element("th", language, ("scope", "col"));
            }

            html.Close("tr").Close("thead").Open("tbody");
            foreach (IGrouping<string, PendingLanguageCount> reason in view.Pending.GroupBy(static p => p.Reason, StringComparer.Ordinal))
            {
                html.Open("tr", ("data-reason", reason.Key)).Element("th", reason.Key, ("scope", "row"));
                foreach (string language in languages)
                {
                    html.Open("td", ("class", "number"), ("data-language", language))
                        .Number(reason.FirstOrDefault(p => p.Language == language)?.Records ?? 0).Close("td");
                }

                html.Close("tr");
            }

            html.Close("tbody").Close("table");
            html.Element("p", "Records with languages pending are filled by translate --pending.", ("class", "note"));
        });
    }

    private static void Row(HtmlWriter html, string field, string label, long today, long month) =>
        html.Open("tr", ("data-field", field)).Element("th", label, ("scope", "row"))
            .Open("td", ("class", "number")).Number(today).Close("td")
            .Open("td", ("class", "number")).Number(month).Close("td").Close("tr");
}
