using System.Text.Json;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.NewsSite;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 18, batching in crawls: the articles of one pass share Translator requests, and every article is still
/// written with its own translations. Measured against the same crawl with batching off (each article alone).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue18CrawlBatchingTests
{
    private const string Key = "batch-test-key-7c1d9e";
    private const int Articles = 200;

    private LoopbackNewsSite _site = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _site = await LoopbackNewsSite.StartAsync();
        _folder = new TempDirectory();

        // Five paragraphs: about 1,300 characters an article, the short articles the goal is set for.
        Issue10Files.PublishDistinct(_site, Articles, paragraphs: 5);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task CrawlOfShortArticles_SharesRequests_AtMostPointThreeRequestsPerArticle_AndWritesEveryArticleTranslated()
    {
        double alone = await RequestsPerArticleAsync("alone", windowSeconds: 0);
        double batched = await RequestsPerArticleAsync("batched", windowSeconds: 2);

        await TestContext.Out.WriteLineAsync(
            $"requests per article over {Articles} short articles: batched {batched:F3}, each alone {alone:F3} (ratio {batched / alone:F3})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alone, Is.EqualTo(1).Within(0.01), "without batching each article is one request");
            Assert.That(batched, Is.LessThanOrEqualTo(0.3));
        }
    }

    private async Task<double> RequestsPerArticleAsync(string name, double windowSeconds)
    {
        await using LoopbackTranslator translator = await LoopbackTranslator.StartAsync(Key);
        string output = _folder.Combine(name);
        string config = Issue10Files.Config(_folder, name, new
        {
            Sources = new { File = Issue10Files.Sources(_folder, name, Issue10Files.FeedSource(name, _site)) },
            Network = new { AllowPrivateAddresses = true, DelaySeconds = 0, MaxRetries = 0 },
            Crawl = new { TranslationWindowSeconds = windowSeconds },
            Translator = new { Provider = "azure", Endpoint = translator.Endpoint.AbsoluteUri, Key, MaxRetries = 0, CharactersPerMinute = 0 },
        });

        CliRun crawl = await CliRun.RunAsync("crawl", "--once", "--config", config, "--out", output);

        string[] records = Issue10Files.Records(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(crawl.ExitCode, Is.Zero, crawl.ToString());
            Assert.That(records, Has.Length.EqualTo(Articles), $"{name}: every article written");
            foreach (string record in records)
            {
                using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(record));
                JsonElement languages = json.RootElement.GetProperty("languages");
                string title = languages.GetProperty("vi").GetProperty("content").GetProperty("title").GetString()!;
                foreach (string language in new[] { "uk", "ru", "ro", "th" })
                {
                    JsonElement version = languages.GetProperty(language);
                    Assert.That(version.GetProperty("status").GetString(), Is.EqualTo("translated"), $"{name}: {record} {language}");
                    Assert.That(
                        version.GetProperty("content").GetProperty("title").GetString(),
                        Is.EqualTo(LoopbackTranslation.Scripted(title, language)),
                        $"{name}: {record} {language} holds its own article's translation");
                }
            }
        }

        await RecordAssert.AllValidAsync(Path.Combine(output, "records"));
        return translator.Requests.Count(r => r.Texts.Count > 0) / (double)Articles;
    }
}
