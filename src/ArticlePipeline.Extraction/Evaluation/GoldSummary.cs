using System.Globalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>The totals of a gold evaluation: each figure is the share of the pages it applies to, in per cent.</summary>
/// <param name="Pages">Pages scored.</param>
/// <param name="Title">Title exact match, over pages whose gold has a title.</param>
/// <param name="First">Lead and first-paragraph match, over all pages.</param>
/// <param name="Last">Last-paragraph match, over all pages.</param>
/// <param name="Author">Author match, over pages whose gold names an author.</param>
/// <param name="Date">Date match, over pages whose gold has a date.</param>
/// <param name="Clean">Pages with no junk leaked, over all pages.</param>
public sealed record GoldSummary(int Pages, double Title, double First, double Last, double Author, double Date, double Clean)
{
    /// <summary>Adds up page scores.</summary>
    /// <param name="scores">The scores of every page.</param>
    /// <returns>The totals; a check no page applies to counts as 100%.</returns>
    public static GoldSummary Of(IReadOnlyCollection<PageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new GoldSummary(
            scores.Count,
            Percent(scores.Select(s => s.Title)),
            Percent(scores.Select(s => (bool?)s.First)),
            Percent(scores.Select(s => (bool?)s.Last)),
            Percent(scores.Select(s => s.Author)),
            Percent(scores.Select(s => s.Date)),
            Percent(scores.Select(s => (bool?)s.Clean)));
    }

    /// <summary>The closing line of <c>eval</c>: <c>pages N title X% first X% last X% author X% date X% clean X%</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"pages {Pages} title {Title:0.#}% first {First:0.#}% last {Last:0.#}% author {Author:0.#}% date {Date:0.#}% clean {Clean:0.#}%");

    private static double Percent(IEnumerable<bool?> checks)
    {
        int applicable = 0, passed = 0;
        foreach (bool? check in checks)
        {
            if (check is { } ok)
            {
                applicable++;
                passed += ok ? 1 : 0;
            }
        }

        return applicable == 0 ? 100 : Math.Round(100.0 * passed / applicable, 1);
    }
}
