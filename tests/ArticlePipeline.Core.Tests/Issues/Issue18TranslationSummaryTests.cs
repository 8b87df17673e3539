using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests.Issues;

/// <summary>Issue 18: a crawl's summary reports translation cost and quality per language, and the failed translations.</summary>
[TestFixture]
public sealed class Issue18TranslationSummaryTests
{
    [Test]
    public void ToLines_ArticlesWithPerLanguageStats_AddsThemUpPerLanguage()
    {
        var summary = new CrawlSummary();
        summary.Add(Written("a", ("uk", new LanguageTranslationStats(100, 0, 0)), ("th", new LanguageTranslationStats(120, 2, 1))));
        summary.Add(Written("b", ("uk", new LanguageTranslationStats(50, 1, 0)), ("th", new LanguageTranslationStats(60, 0, 0))));

        string[] lines = [.. summary.ToLines()];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Does.EndWith("translations failed 1"));
            Assert.That(lines, Does.Contain("translation: th billed 180, checks failed 2, failed 1; uk billed 150, checks failed 1, failed 0"));
            Assert.That(summary.TranslationByLanguage["uk"].BilledCharacters, Is.EqualTo(150));
        }
    }

    private static ArticleOutcome Written(string name, params (string Language, LanguageTranslationStats Stats)[] stats) => new(
        new Uri("https://example.vn/" + name),
        ArticleOutcomeKind.Written,
        null,
        null,
        name + ".json",
        [],
        stats.Sum(s => s.Stats.BilledCharacters),
        0,
        stats.Sum(s => s.Stats.Failed),
        stats.ToImmutableDictionary(s => s.Language, s => s.Stats));
}
