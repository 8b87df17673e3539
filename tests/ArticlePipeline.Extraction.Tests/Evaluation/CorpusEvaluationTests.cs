using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Evaluation;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Extraction.Tests.Evaluation;

/// <summary>
/// The issue 3 and issue 15 targets, measured the way <c>article-pipeline eval</c> measures them, on the corpora in
/// <c>../shared/corpus</c> (skipped when absent, failed when absent under CI).
/// </summary>
[TestFixture]
[Category("Corpus")]
public sealed class CorpusEvaluationTests
{
    [Test]
    public void ViNewsDev_WithProfiles_MeetsTheTargets()
    {
        GoldSummary summary = ScoreViNews(withProfiles: true, out IReadOnlyList<PageScore> scores);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scores.Select(s => s.Extractor), Has.All.EqualTo("profile"), "every dev site has a profile that matches");

            // Issue 15: the dev pages stay at 100 % on every field (issue 3 asked for 90-95 %).
            Assert.That(summary.Title, Is.EqualTo(100), summary.ToString());
            Assert.That(summary.First, Is.EqualTo(100), summary.ToString());
            Assert.That(summary.Last, Is.EqualTo(100), summary.ToString());
            Assert.That(summary.Author, Is.EqualTo(100), summary.ToString());
            Assert.That(summary.Date, Is.EqualTo(100), summary.ToString());
            Assert.That(summary.Clean, Is.EqualTo(100), summary.ToString());
        }
    }

    [Test]
    public void ViNewsDev_GenericOnly_MeetsTheTargets()
    {
        GoldSummary summary = ScoreViNews(withProfiles: false, out IReadOnlyList<PageScore> scores);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scores.Select(s => s.Extractor), Has.All.EqualTo("generic"));
            Assert.That(summary.First, Is.GreaterThanOrEqualTo(85), summary.ToString());
            Assert.That(summary.Last, Is.GreaterThanOrEqualTo(80), summary.ToString());
            Assert.That(summary.Clean, Is.GreaterThanOrEqualTo(85), summary.ToString());
        }
    }

    [Test]
    public void ReadabilityTestPages_GenericBodyText_ReachesF1Of095()
    {
        string folder = SharedData.Require("corpus", "readability-test-pages");

        IReadOnlyList<(string Page, ShingleScore Score)> scores = ExtractionEvaluation.ScoreReadability(folder);
        ShingleSummary summary = ShingleScorer.Summarize([.. scores.Select(s => s.Score)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Pages, Is.EqualTo(130));

            // Issue 15's target, reached (0.9508).
            Assert.That(summary.F1, Is.GreaterThanOrEqualTo(0.95), summary.ToString());
        }
    }

    [Test]
    public void TrafilaturaEvalSet_GenericMainText_ReachesF1Of093()
    {
        string folder = SharedData.Require("corpus", "trafilatura-eval");

        TrafilaturaSummary summary = TrafilaturaSummary.Of([.. ExtractionEvaluation.ScoreTrafilatura(folder)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Pages, Is.EqualTo(884), "every gold entry whose page is in the set");
            // Issue 15's target (the publisher's own CI floor is 0.9195), reached: P 0.9300, R 0.9332, F1 0.9316, up from 0.897.
            Assert.That(summary.F1, Is.GreaterThanOrEqualTo(0.93), summary.ToString());
            Assert.That(summary.Precision, Is.GreaterThanOrEqualTo(0.93), summary.ToString());
            Assert.That(summary.Recall, Is.GreaterThanOrEqualTo(0.93), summary.ToString());
        }
    }

    private static GoldSummary ScoreViNews(bool withProfiles, out IReadOnlyList<PageScore> scores)
    {
        string gold = SharedData.Require("corpus", "vi-news", "dev-gold.jsonl");
        string pages = SharedData.Require("corpus", "vi-news", "dev");

        SourceCatalog catalog = SourceCatalogLoader.Load(Path.Combine(SharedData.RepositoryRoot, "config", "sources.json"));
        Func<string, ExtractionProfile?>? profiles = withProfiles ? host => catalog.FindByHost(new Uri($"https://{host}/"))?.Profile : null;
        using StreamReader reader = File.OpenText(gold);
        scores = ExtractionEvaluation.ScoreGold(GoldPage.ReadJsonLines(reader), pages, profiles);
        return GoldSummary.Of([.. scores]);
    }
}
