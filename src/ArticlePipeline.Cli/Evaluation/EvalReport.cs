using System.Globalization;
using ArticlePipeline.Extraction.Evaluation;

namespace ArticlePipeline.Cli.Evaluation;

/// <summary>Prints evaluation results: one line per page, then the totals line scripts read.</summary>
internal static class EvalReport
{
    public static void WriteGold(TextWriter output, IReadOnlyList<PageScore> scores)
    {
        foreach (PageScore score in scores)
        {
            string extractor = score.Profile is null ? score.Extractor : $"{score.Extractor}:{score.Profile}";
            string junk = score.Clean ? "clean" : "junk: " + string.Join(" | ", score.LeakedJunk);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{score.File}  [{extractor}]  title {Mark(score.Title)}  lead {Mark(score.Lead)}  first {Mark(score.First)}  last {Mark(score.Last)}  author {Mark(score.Author)}  date {Mark(score.Date)}  {junk}"));
        }

        output.WriteLine(GoldSummary.Of([.. scores]).ToString());
    }

    public static void WriteReadability(TextWriter output, IReadOnlyList<(string Page, ShingleScore Score)> scores)
    {
        foreach ((string page, ShingleScore score) in scores)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page}  precision {score.Precision:0.000}  recall {score.Recall:0.000}"));
        }

        output.WriteLine(ShingleScorer.Summarize([.. scores.Select(s => s.Score)]).ToString());
    }

    // Only the pages that lose a point are listed: the set has 900 pages.
    public static void WriteTrafilatura(TextWriter output, IReadOnlyList<TrafilaturaScore> scores)
    {
        foreach (TrafilaturaScore score in scores.Where(s => !s.Perfect))
        {
            string reason = score.Reason is null ? string.Empty : $"  [{score.Reason}]";
            string missing = score.Missing.Count == 0 ? string.Empty : "  missing: " + string.Join(" | ", score.Missing);
            string leaked = score.Leaked.Count == 0 ? string.Empty : "  leaked: " + string.Join(" | ", score.Leaked);
            output.WriteLine($"{score.File}{reason}{missing}{leaked}");
        }

        output.WriteLine(TrafilaturaSummary.Of([.. scores]).ToString());
    }

    // ok, MISS, or - when the gold has nothing to compare.
    private static string Mark(bool? check) => check switch
    {
        true => "ok",
        false => "MISS",
        null => "-",
    };
}
