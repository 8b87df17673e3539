using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Testing;

namespace ArticlePipeline.Core.Tests;

[TestFixture]
public sealed class SourceCatalogLoaderTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Load_RelativeUrls_AreResolvedAgainstTheFile()
    {
        string path = Write("""
            {
              // The offline sample, next to this file.
              "sources": [
                {
                  "id": "baosonghau",
                  "name": "Báo Sông Hậu",
                  "homeUrl": "site/index.html",
                  "feeds": [ "site/rss.xml", "https://baosonghau.example.vn/rss.xml" ],
                  "sitemaps": [ "../elsewhere/sitemap.xml" ],
                  "listings": [ { "url": "site/index.html", "articlePattern": "-a\\d+\\.html$" } ],
                  "maxArticlesPerRun": 50,
                },
              ],
            }
            """);
        string folder = new Uri(_dir.Path + Path.DirectorySeparatorChar).AbsoluteUri;

        SourceDefinition source = SourceCatalogLoader.Load(path).Sources.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.HomeUrl, Is.EqualTo(folder + "site/index.html"));
            Assert.That(source.Feeds, Is.EqualTo(new[] { folder + "site/rss.xml", "https://baosonghau.example.vn/rss.xml" }));
            Assert.That(source.Sitemaps.Single(), Is.EqualTo(new Uri(new Uri(folder), "../elsewhere/sitemap.xml").AbsoluteUri));
            Assert.That(source.Listings.Single().Url, Is.EqualTo(folder + "site/index.html"));
            Assert.That(source.MaxArticlesPerRun, Is.EqualTo(50));
            Assert.That(source.Name, Is.EqualTo("Báo Sông Hậu"));
        }
    }

    [Test]
    public void Load_RepositorySampleSources_PointsAtTheSampleSite()
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "samples", "sources.json");

        SourceDefinition source = SourceCatalogLoader.Load(path).Sources.Single();

        Assert.That(new Uri(source.HomeUrl).LocalPath, Is.EqualTo(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "index.html")));
    }

    [Test]
    public void Load_DuplicateIds_IsRejectedNamingTheFile()
    {
        string path = Write("""{ "sources": [ { "id": "baosonghau", "homeUrl": "https://a.vn/" }, { "id": "baosonghau", "homeUrl": "https://b.vn/" } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        Assert.That(error.Message, Does.Contain(path).And.Contain("used twice"));
    }

    [TestCase("BaoSongHau")]
    [TestCase("bao_song_hau")]
    [TestCase("../x")]
    [TestCase("-bao")]
    [TestCase("")]
    public void Load_BadId_IsRejectedNamingTheFile(string id)
    {
        string path = Write($$"""{ "sources": [ { "id": "{{id}}", "homeUrl": "https://a.vn/" } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        Assert.That(error.Message, Does.Contain(path).And.Contain("id must be"));
    }

    [Test]
    public void Load_InvalidArticlePattern_IsRejectedNamingTheFile()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "listings": [ { "url": "https://a.vn/tin-tuc", "articlePattern": "-a(\\d+.html$" } ] } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain(path).And.Contain("articlePattern"));
            Assert.That(error.InnerException, Is.InstanceOf<ArgumentException>());
        }
    }

    [TestCase("{ \"sources\": [ { \"id\": \"a\", ")]
    [TestCase("not json")]
    [TestCase("{ \"sources\": [ { \"id\": \"a\", \"homeUrl\": \"https://a.vn/\", \"unknownSetting\": 1 } ] }")]
    [TestCase("{ \"sources\": [ { \"id\": \"a\", \"homeUrl\": \"https://a.vn/\", \"maxArticlesPerRun\": \"many\" } ] }")]
    public void Load_MalformedJson_IsRejectedNamingTheFile(string json)
    {
        string path = Write(json);

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain(path).And.Contain("does not parse"));
            Assert.That(error.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
        }
    }

    [TestCase("ftp://a.vn/rss.xml")]
    [TestCase("javascript:alert(1)")]
    [TestCase("")]
    public void Load_FeedThatIsNotHttpOrFile_IsRejected(string feed)
    {
        string path = Write($$"""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "feeds": [ "{{feed}}" ] } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        Assert.That(error.Message, Does.Contain(path).And.Contain("feeds"));
    }

    [Test]
    public void Load_NonPositiveMaxArticles_IsRejected()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "maxArticlesPerRun": 0 } ] }""");

        Assert.That(() => SourceCatalogLoader.Load(path), Throws.InstanceOf<SourceCatalogException>().With.Message.Contains("maxArticlesPerRun"));
    }

    [Test]
    public void Load_MissingFile_IsRejectedNamingThePath()
    {
        string path = _dir.Combine("nope.json");

        Assert.That(() => SourceCatalogLoader.Load(path), Throws.InstanceOf<SourceCatalogException>().With.Message.Contains(path));
    }

    [TestCase("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "feeds": null } ] }""")]
    [TestCase("""{ "sources": [ { "id": null, "homeUrl": "https://a.vn/" } ] }""")]
    [TestCase("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "stripParameters": null } ] }""")]
    [TestCase("""{ "sources": null }""")]
    [TestCase("""{ "sources": [ null ] }""")]
    public void Load_ExplicitNull_IsRejectedNamingTheFile(string json)
    {
        string path = Write(json);

        Assert.That(() => SourceCatalogLoader.Load(path), Throws.InstanceOf<SourceCatalogException>().With.Message.Contains(path));
    }

    [Test]
    public void Load_StripParameters_AreReadAndApplyToTheSourcesKeys()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "stripParameters": [ "ref", "src_*" ] } ] }""");

        SourceDefinition source = SourceCatalogLoader.Load(path).Sources.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.StripParameters, Is.EqualTo(new[] { "ref", "src_*" }));
            Assert.That(CrawlFrontier.Key(new Uri("https://a.vn/tin.html?id=5&ref=home&src_box=hot"), source).AbsoluteUri, Is.EqualTo("https://a.vn/tin.html?id=5"));
            Assert.That(CrawlFrontier.Key(new Uri("https://a.vn/tin.html?id=5&ref=home"), null).AbsoluteUri, Is.EqualTo("https://a.vn/tin.html?id=5&ref=home"));
        }
    }

    [TestCase("\"*\"")]
    [TestCase("\"\"")]
    [TestCase("\"a=b\"")]
    [TestCase("\"ref&x\"")]
    [TestCase("\"*ref\"")]
    [TestCase("null")]
    public void Load_BadStripParameter_IsRejectedNamingTheFile(string entry)
    {
        string path = Write($$"""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "stripParameters": [ {{entry}} ] } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        Assert.That(error.Message, Does.Contain(path).And.Contain("stripParameters").And.Contain("must be a query parameter name"));
    }

    [Test]
    public void FindByHost_TwoSourcesOnOneHostWithDifferentPorts_AreTold()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "http://127.0.0.1:8081/" }, { "id": "b", "homeUrl": "http://127.0.0.1:8082/" }, { "id": "c", "homeUrl": "http://c.vn/" } ] }""");
        SourceCatalog catalog = SourceCatalogLoader.Load(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.FindByHost(new Uri("http://127.0.0.1:8082/a.html"))?.Id, Is.EqualTo("b"));
            Assert.That(catalog.FindByHost(new Uri("http://127.0.0.1:8081/a.html"))?.Id, Is.EqualTo("a"));
            Assert.That(catalog.FindByHost(new Uri("https://c.vn/a.html"))?.Id, Is.EqualTo("c"), "http and https on their default ports are one site");
        }
    }

    [Test]
    public void Load_EditionsAndMirror_AreReadAndTheRuleNamesTheEditionUrl()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "editions": [ { "language": "ru", "urlPrefix": "https://ru.a.vn/" }, { "language": "th", "urlPrefix": "https://a.vn/th/" } ] }, { "id": "m", "homeUrl": "https://m.vn/", "mirror": true } ] }""");
        SourceCatalog catalog = SourceCatalogLoader.Load(path);
        SourceDefinition source = catalog.Sources[0];
        var home = new Uri(source.HomeUrl);
        var article = new Uri("https://a.vn/thoi-su/lua-a1001.html?page=2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.Sources[1].Mirror, Is.True);
            Assert.That(source.Mirror, Is.False);
            Assert.That(source.Editions[0].EditionOf(article, home), Is.EqualTo(new Uri("https://ru.a.vn/thoi-su/lua-a1001.html?page=2")));
            Assert.That(source.Editions[1].EditionOf(article, home), Is.EqualTo(new Uri("https://a.vn/th/thoi-su/lua-a1001.html?page=2")));
            Assert.That(source.Editions[0].EditionOf(new Uri("https://other.vn/a.html"), home), Is.Null, "a page outside the home URL has no edition by rule");
        }
    }

    [TestCase("""{ "language": "en", "urlPrefix": "https://a.vn/en/" }""", "must be one of vi, uk, ru, ro, th")]
    [TestCase("""{ "language": "ru", "urlPrefix": "/ru/" }""", "must be an absolute http(s) URL")]
    [TestCase("""{ "language": "ru", "urlPrefix": "https://a.vn/ru/" }, { "language": "ru", "urlPrefix": "https://ru.a.vn/" }""", "names language 'ru' twice")]
    [TestCase("null", "must be lists, not null")]
    public void Load_BadEditionRule_IsRefusedNamingTheField(string rule, string message)
    {
        string path = Write($$"""{ "sources": [ { "id": "a", "homeUrl": "https://a.vn/", "editions": [ {{rule}} ] } ] }""");

        SourceCatalogException error = Assert.Throws<SourceCatalogException>(() => SourceCatalogLoader.Load(path));

        Assert.That(error.Message, Does.Contain("editions").And.Contain(message));
    }

    [Test]
    public void FindByHost_ArticleUrl_MatchesTheSourceIgnoringWww()
    {
        string path = Write("""{ "sources": [ { "id": "a", "homeUrl": "https://www.baoangiang.com.vn/" }, { "id": "b", "homeUrl": "https://baosonghau.example.vn/" } ] }""");
        SourceCatalog catalog = SourceCatalogLoader.Load(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.FindByHost(new Uri("https://baoangiang.com.vn/a-a423044.html"))?.Id, Is.EqualTo("a"));
            Assert.That(catalog.FindByHost(new Uri("https://www.baosonghau.example.vn/tin-tuc/a1001.html"))?.Id, Is.EqualTo("b"));
            Assert.That(catalog.FindByHost(new Uri("https://vietnamnet.vn/a.html")), Is.Null);
        }
    }

    private string Write(string json)
    {
        string path = _dir.Combine("sources.json");
        File.WriteAllText(path, json);
        return path;
    }
}
