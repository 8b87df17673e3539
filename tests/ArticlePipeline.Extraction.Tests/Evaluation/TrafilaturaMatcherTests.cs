using ArticlePipeline.Extraction.Evaluation;

namespace ArticlePipeline.Extraction.Tests.Evaluation;

[TestFixture]
public sealed class TrafilaturaMatcherTests
{
    private static readonly TrafilaturaGold Gold = new(
        "https://example.org/news/story.html",
        "example.org.story.html",
        With: ["Der Stadtrat hat am Montag", "beschlossen, die Brücke", "Ende des Artikels."],
        Without: ["Newsletter abonnieren", "Zum Seitenanfang"]);

    [Test]
    public void Score_StringsAcrossBlocksAndSpaces_CountAsFound()
    {
        TrafilaturaScore score = TrafilaturaMatcher.Score(Gold, "Der  Stadtrat hat am\nMontag beschlossen,\ndie Brücke zu sanieren.\nEnde des Artikels.\n", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Found, Is.EqualTo(3));
            Assert.That(score.Missing, Is.Empty);
            Assert.That(score.Avoided, Is.EqualTo(2));
            Assert.That(score.Perfect, Is.True);
        }
    }

    [Test]
    public void Score_LeakedNavigationAndMissingEnd_CountAgainstThePage()
    {
        TrafilaturaScore score = TrafilaturaMatcher.Score(Gold, "Der Stadtrat hat am Montag beschlossen, die Brücke zu sanieren.\nNewsletter abonnieren", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Missing, Is.EqualTo(new[] { "Ende des Artikels." }));
            Assert.That(score.Leaked, Is.EqualTo(new[] { "Newsletter abonnieren" }));
            Assert.That(score.Perfect, Is.False);
        }
    }

    [Test]
    public void Score_CaseDiffers_IsNotAMatch()
    {
        TrafilaturaScore score = TrafilaturaMatcher.Score(Gold, "der stadtrat hat am montag beschlossen, die brücke. ende des artikels.", null);

        Assert.That(score.Found, Is.Zero);
    }

    [Test]
    public void Score_NothingExtracted_MissesEveryWithStringAndLeaksNothing()
    {
        TrafilaturaScore score = TrafilaturaMatcher.Score(Gold, null, "not-an-article");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Missing, Has.Count.EqualTo(3));
            Assert.That(score.Leaked, Is.Empty);
            Assert.That(score.Reason, Is.EqualTo("not-an-article"));
        }
    }

    [Test]
    public void Summary_SumsCountsOverPagesBeforeDividing()
    {
        TrafilaturaScore good = TrafilaturaMatcher.Score(Gold, "Der Stadtrat hat am Montag beschlossen, die Brücke. Ende des Artikels.", null);
        TrafilaturaScore empty = TrafilaturaMatcher.Score(Gold, null, "not-an-article");
        TrafilaturaScore leaky = TrafilaturaMatcher.Score(Gold, "Der Stadtrat hat am Montag. Newsletter abonnieren. Zum Seitenanfang", null);

        TrafilaturaSummary summary = TrafilaturaSummary.Of([good, empty, leaky]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Pages, Is.EqualTo(3));
            Assert.That(summary.Precision, Is.EqualTo(4.0 / 6).Within(1e-9), "4 found, 2 leaked");
            Assert.That(summary.Recall, Is.EqualTo(4.0 / 9).Within(1e-9), "4 found, 5 missing");
            Assert.That(summary.ToString(), Does.Match(@"^trafilatura pages 3 precision 0\.667 recall 0\.444 f1 0\.533$"));
        }
    }

    [Test]
    public void Parse_EvaldataJson_ReadsEveryEntry()
    {
        IReadOnlyList<TrafilaturaGold> entries = TrafilaturaGold.Parse("""
            {"https://a.example/1": {"file": "a.html", "with": ["x", "y"], "without": ["z"]},
             "https://b.example/2": {"file": "b.html", "with": [], "without": []}}
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => e.File), Is.EqualTo(new[] { "a.html", "b.html" }));
            Assert.That(entries[0].With, Is.EqualTo(new[] { "x", "y" }));
            Assert.That(entries[0].Without, Is.EqualTo(new[] { "z" }));
            Assert.That(entries[0].Url, Is.EqualTo("https://a.example/1"));
        }
    }

    [Test]
    public void Parse_EntryWithoutFile_IsAFormatError() =>
        Assert.Throws<FormatException>(() => TrafilaturaGold.Parse("""{"https://a.example/": {"with": []}}"""));
}
