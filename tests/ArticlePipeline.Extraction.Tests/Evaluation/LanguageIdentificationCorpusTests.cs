using System.Text.Json;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Extraction.Tests.Evaluation;

/// <summary>
/// Issue 14: language identification on Mozilla Readability's test pages whose gold metadata names the page's
/// language (<c>lang</c>, taken from the page's own markup), through the same extract and normalise steps as a crawl.
/// </summary>
[TestFixture]
[Category("Corpus")]
public sealed class LanguageIdentificationCorpusTests
{
    [Test]
    public void ReadabilityTestPages_WithGoldLanguage_AreIdentifiedOrUndetermined_NeverWrong()
    {
        string folder = SharedData.Require("corpus", "readability-test-pages");
        var extractor = new ArticleExtractor();
        var normalizer = new ArticleNormalizer();
        var wrong = new List<string>();
        int identifiable = 0, right = 0, undetermined = 0;
        foreach (string page in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string? gold = GoldLanguage(Path.Combine(page, "expected-metadata.json"));
            string source = Path.Combine(page, "source.html");
            if (gold is null || !File.Exists(source))
            {
                continue;
            }

            ExtractionOutcome outcome = extractor.Extract(new PageContent(new Uri("http://fakehost/test/page.html"), File.ReadAllBytes(source), "text/html"));
            string? detected = outcome.Article is null ? null : normalizer.Normalize(outcome.Article).Language;
            bool known = Languages.Identified.Contains(gold);
            identifiable += known ? 1 : 0;
            if (detected == gold)
            {
                right++;
            }
            else if (detected == Languages.Undetermined)
            {
                undetermined++;
            }
            else if (known || detected is not null)
            {
                // A page in a language we identify given another one, or a page in another language given one of ours.
                wrong.Add($"{Path.GetFileName(page)}: gold {gold}, detected {detected ?? "nothing"}");
            }
        }

        TestContext.Out.WriteLine($"pages with gold language {right + undetermined + wrong.Count}, identifiable {identifiable}, right {right}, und {undetermined}, wrong {wrong.Count}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(identifiable, Is.GreaterThanOrEqualTo(60), "the corpus holds the pages this test is about");
            Assert.That(wrong, Is.Empty);
            Assert.That(right, Is.GreaterThanOrEqualTo(identifiable * 9 / 10), "und is for doubt, not for most pages");
        }
    }

    // The primary subtag of the gold "lang" ("en-US" is en), lower-cased; null when the gold names none.
    private static string? GoldLanguage(string metadataPath)
    {
        if (!File.Exists(metadataPath))
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(metadataPath));
        return document.RootElement.TryGetProperty("lang", out JsonElement lang) && lang.ValueKind == JsonValueKind.String && lang.GetString() is { Length: > 0 } value
            ? value.Split('-')[0].ToLowerInvariant()
            : null;
    }
}
