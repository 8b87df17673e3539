using System.Net;
using System.Text;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Testing.Editions;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Integration.Tests.Issues;

/// <summary>
/// Issue 17's test sites as a user sees them: a publisher and a mirror on 127.0.0.1 answer every page and feed, the
/// pages parse without errors and link each other by hreflang, and today's extractor reads each page's headline,
/// text and language, not its boilerplate, and finds the original's URL in the mirror pages' source lines.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Issue17SitesTests
{
    private static readonly string[] Pages = ["vi", "ru", "decoy-vi", "decoy-ru", "uk", "ro", "th"];

    // Text of the boilerplate around the articles, which must not reach an article's body.
    private static readonly string[] Boilerplate =
    [
        "Bình luận (0)", "Tin liên quan", "Hơn 3.200 hộ dân Long Mỹ", "Giấy phép số 123/GP-BTTTT", "lượt xem", "Chia sẻ",
        "Комментарии (0)", "Читайте также", "Делегация провинции Хаузянг", "Учредитель",
        "Vietnam.vn", "Độc lập - Tự do", "No data", "No videos available", "Коментар (0)", "Comentariu (0)", "การแสดงความคิดเห็น (0)",
        "Ханой висадить 1 мільйон", "Hanoi va planta 1 milion", "ฮานอยจะปลูกต้นไม้", "Та сама тема", "Aceeași categorie", "หัวข้อเดียวกัน",
    ];

    private LoopbackNewsSite _publisher = null!;
    private LoopbackNewsSite _mirror = null!;
    private EditionSites _sites = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartSites()
    {
        _publisher = await LoopbackNewsSite.StartAsync();
        _mirror = await LoopbackNewsSite.StartAsync();
        _sites = EditionSites.Publish(_publisher, _mirror);
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public async Task StopSites()
    {
        _http.Dispose();
        await _publisher.DisposeAsync();
        await _mirror.DisposeAsync();
    }

    [TestCaseSource(nameof(Pages))]
    public async Task Page_ServedOverLoopback_ParsesStrictlyWithItsLanguageHeadlineCanonicalAndLiveAlternates(string page)
    {
        (Uri url, EditionStory story) = Find(page);

        (string html, HttpResponseMessage response) = await GetAsync(url);
        using IHtmlDocument document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);

        Dictionary<string, string> alternates = document.QuerySelectorAll("link[rel=alternate][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!, StringComparer.Ordinal);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(document.DocumentElement.GetAttribute("lang"), Is.EqualTo(story.Language));
            Assert.That(document.QuerySelectorAll("h1").Select(h => h.TextContent), Is.EqualTo(new[] { story.Title }));
            Assert.That(document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), Is.EqualTo(url.AbsoluteUri));
            Assert.That(alternates[story.Language], Is.EqualTo(url.AbsoluteUri), "a page names itself among its alternates");
            Assert.That(document.Body!.TextContent, Does.Contain(story.Byline));
        }

        // Every alternate answers, except the decoy's own Vietnamese page, which the test site does not publish.
        foreach ((string language, string href) in alternates.Where(a => a.Key != story.Language && page != "decoy-ru"))
        {
            (string alternate, _) = await GetAsync(new Uri(href));
            Assert.That(alternate, Does.Contain($"<html lang=\"{language}\">"), href);
        }
    }

    [Test]
    public async Task Alternates_LinkTheEditionsAsTheIssueDescribes()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await AlternatesAsync(_sites.Original), Does.Contain(("ru", _sites.RussianEdition.AbsoluteUri)));
            Assert.That(await AlternatesAsync(_sites.RussianEdition), Does.Contain(("vi", _sites.Original.AbsoluteUri)));
            Assert.That(await AlternatesAsync(_sites.DecoyOriginal), Does.Contain(("ru", _sites.Decoy.AbsoluteUri)));
            Assert.That(await AlternatesAsync(_sites.Decoy), Does.Not.Contain(("vi", _sites.DecoyOriginal.AbsoluteUri)));
            Assert.That(_sites.RussianEdition.AbsolutePath, Is.EqualTo("/ru" + _sites.Original.AbsolutePath), "a /ru/ prefix rule finds the edition");
            foreach ((string language, Uri url) in _sites.MirrorPages)
            {
                Assert.That(url.AbsolutePath, Does.StartWith($"/{language}/"));
                Assert.That(
                    (await AlternatesAsync(url)).Select(a => a.Language).Order(),
                    Is.EqualTo(new[] { "ro", "th", "uk" }),
                    $"the {language} mirror page names its siblings");
            }

            string original = (await GetAsync(_sites.Original)).Html;
            Assert.That(original, Does.Contain($"<a hreflang=\"ru\" href=\"{_sites.RussianEdition.AbsoluteUri}\">Русский</a>"), "a visible language switch");
        }
    }

    [Test]
    public async Task Feeds_ListTheVietnameseOriginalsOnThePublisherAndTheTranslationsOnTheMirror()
    {
        string[] publisher = await FeedLinksAsync(_sites.PublisherFeed);
        string[] mirror = await FeedLinksAsync(_sites.MirrorFeed);
        string publisherHome = (await GetAsync(_publisher.Url("/"))).Html;
        string mirrorHome = (await GetAsync(_mirror.Url("/"))).Html;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(publisher, Is.EquivalentTo(new[] { _sites.Original.AbsoluteUri, _sites.DecoyOriginal.AbsoluteUri }));
            Assert.That(mirror, Is.EquivalentTo(_sites.MirrorPages.Values.Select(u => u.AbsoluteUri)));
            Assert.That(publisherHome, Does.Contain(_sites.PublisherFeed.AbsoluteUri));
            Assert.That(mirrorHome, Does.Contain(_sites.MirrorFeed.AbsoluteUri));
        }
    }

    [TestCaseSource(nameof(Pages))]
    public async Task Extract_FetchedPage_TitleTextAndLanguageWithoutBoilerplate(string page)
    {
        (Uri url, EditionStory story) = Find(page);
        (string html, _) = await GetAsync(url);

        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(url, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason + " " + outcome.Detail);
        ExtractedArticle article = new ArticleNormalizer().Normalize(outcome.Article!);
        string[] blocks = [.. article.Blocks.Select(b => b.Text)];
        await TestContext.Out.WriteLineAsync($"{page}: title \"{article.Title}\", lead {(article.Lead is null ? "none" : "found")}, {blocks.Length} blocks, authors [{string.Join(", ", article.Authors)}], language {article.Language}, published {article.PublishedAt:O}, sources [{string.Join(", ", article.SourceLinks)}]");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Title, Is.EqualTo(story.Title));
            Assert.That(article.Language, Is.EqualTo(story.Language));
            Assert.That(article.Lead ?? blocks.FirstOrDefault(), Is.EqualTo(story.Lead));
            Assert.That(blocks.Where(b => b != story.Lead), Is.EqualTo(story.Paragraphs), "the body is the article's paragraphs, in order");
            Assert.That(blocks, Has.None.Contains(story.Byline), "the byline is not body text");
            foreach (string chrome in Boilerplate)
            {
                Assert.That(blocks, Has.None.Contains(chrome), "boilerplate");
                Assert.That(article.Title + article.Lead, Does.Not.Contain(chrome), "boilerplate");
            }

            Assert.That(article.PublishedAt, Is.EqualTo(story.Published));
            if (EditionStories.Mirrored.ContainsKey(page))
            {
                Assert.That(article.SourceLinks, Does.Contain(_sites.Original.AbsoluteUri), "the mirror's source line names the original");
            }
            else
            {
                Assert.That(article.SourceLinks, Is.Empty);
            }

            // On the Thai mirror that is the word "honest": what the page says, which issue 17's merge must not believe.
            Assert.That(article.Authors, Is.EqualTo(new[] { story.Byline }));
        }
    }

    [Test]
    public async Task DistinctiveSentences_AppearOnTheirOwnPageOnly()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string page in Pages)
        {
            (Uri url, _) = Find(page);
            texts[page] = WebUtility.HtmlDecode((await GetAsync(url)).Html);
        }

        using (Assert.EnterMultipleScope())
        {
            foreach ((string language, string sentence) in EditionSites.DistinctiveSentences)
            {
                Assert.That(texts.Where(t => t.Value.Contains(sentence, StringComparison.Ordinal)).Select(t => t.Key), Is.EqualTo(new[] { language }), sentence);
            }
        }
    }

    private (Uri Url, EditionStory Story) Find(string page) => page switch
    {
        "vi" => (_sites.Original, EditionStories.Original),
        "ru" => (_sites.RussianEdition, EditionStories.Russian),
        "decoy-vi" => (_sites.DecoyOriginal, EditionStories.DecoyOriginal),
        "decoy-ru" => (_sites.Decoy, EditionStories.Decoy),
        _ => (_sites.MirrorPages[page], EditionStories.Mirrored[page]),
    };

    private async Task<(string Html, HttpResponseMessage Response)> GetAsync(Uri url)
    {
        HttpResponseMessage response = await _http.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url.AbsoluteUri);
        return (await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<(string Language, string Href)[]> AlternatesAsync(Uri url)
    {
        using IHtmlDocument document = new HtmlParser().ParseDocument((await GetAsync(url)).Html);
        return [.. document.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang")!, l.GetAttribute("href")!))];
    }

    private async Task<string[]> FeedLinksAsync(Uri feed) =>
        [.. XDocument.Parse((await GetAsync(feed)).Html).Descendants("item").Select(i => i.Element("link")!.Value)];
}
