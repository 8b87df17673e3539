using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 15: classes of pages the generic extractor got wrong on sites nobody tuned it on (page-builder wrappers,
/// articles in <c>noscript</c>, <c>br</c>-separated paragraphs, lists of bold links with explanations, slideshow and
/// wire chrome, related-news boxes inside the body). Each page here is written for the test, after what those
/// sites do.
/// </summary>
[TestFixture]
public sealed class Issue15GeneralisationTests
{
    private const string Title = "City council approves the new bridge over the river";

    private static readonly string[] Paragraphs =
    [
        "The city council voted on Monday evening to replace the old iron bridge, which has been closed to trucks since the spring floods damaged two of its piers.",
        "Construction is expected to start next year and to last about thirty months, according to the engineering office that drew up the plans for the council.",
        "Residents of the east bank, who have been driving a detour of nine kilometres for months, welcomed the decision but asked for a temporary footbridge.",
        "The mayor said the cost, estimated at forty-two million, would be shared between the city, the region and a federal fund for transport infrastructure.",
        "Work on the approach roads will begin first, so that the river traffic is interrupted for as few weeks as possible during the lifting of the deck.",
    ];

    private static readonly Uri PageUrl = new("https://news.example.org/local/2024/03/bridge-vote");

    [Test]
    public void Extract_ArticleInsidePageBuilderWidget_KeepsEveryParagraph()
    {
        // Elementor and Blogger wrap the whole post in a box whose class says "widget".
        string html = Page($"""
            <div class="elementor-section"><div class="elementor-element post-content elementor-widget elementor-widget-theme-post-content">
              <div class="elementor-widget-container">{Ps(Paragraphs)}</div>
            </div></div>
            <div class="widget widget_recent_entries"><h2>Recent posts</h2><ul><li><a href="/a">Another story</a></li></ul></div>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_ArticleRenderedByScriptAndGivenInNoscript_ReadsTheNoscriptText()
    {
        string html = Page($"""
            <div class="post"><h2 class="title">{Title}</h2>
              <div class="post-body"><script type="text/template">{Ps(Paragraphs)}</script><noscript>{Ps(Paragraphs)}</noscript></div>
            </div>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_ConsentNoticeInNoscript_StaysOut()
    {
        string notice = "<noscript><div class=\"consent\"><p>We and our partners would like to process and share personal data such as device identifiers, to personalise content and measure audiences across the sites we run.</p><p>You can change your mind at any time.</p></div></noscript>";

        ExtractedArticle article = Extract(Page(notice + $"<article>{Ps(Paragraphs)}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_ParagraphsSeparatedByDoubleBreaks_EachMeasuredOnItsOwn()
    {
        // A run that is one long link sits between runs without a link: it goes, they stay (measured against the
        // shared parent, each of them had a link density near 1).
        string teaser = "<a href=\"/2024/02/flood\">Spring floods: the river rose two metres in a night, closing the iron bridge to trucks and buses until further notice</a>";
        string html = Page($"<article><div class=\"entry\">{Paragraphs[0]}<br><br>{teaser}<br><br>{Paragraphs[1]}<br><br>{Paragraphs[2]}</div></article>");

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs[..3]));
    }

    [Test]
    public void Extract_ListItemsOpeningWithABoldLink_AreKept()
    {
        // The links are more than half of each item's text: measured as a whole, the list looked like navigation.
        string[] items =
        [
            "<strong><a href=\"/glossary/pier\">Pier foundations on the riverbed and both banks</a></strong>: they carry the deck between spans.",
            "<strong><a href=\"/glossary/deck\">Deck sections and the temporary floating cranes</a></strong>: lifted into place one by one.",
            "<strong><a href=\"/glossary/approach\">Approach roads and the embankments on each side</a></strong>: they join the street network.",
        ];
        string html = Page($"<article>{Ps(Paragraphs[..2])}<ul>{string.Concat(items.Select(i => $"<li>{i}</li>"))}</ul>{Ps(Paragraphs[2..])}</article>");

        ExtractedArticle article = Extract(html);

        Assert.That(
            article.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text),
            Is.EqualTo(items.Select(i => TextNormalizer.Normalize(StripTags(i)))));
    }

    [Test]
    public void Extract_NavigationListOfLinks_IsStillDropped()
    {
        string nav = "<ul><li><a href=\"/local\">Local news</a></li><li><a href=\"/sport\">Sport</a></li><li><a href=\"/culture\">Culture and entertainment</a></li></ul>";

        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}{nav}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_RelatedNewsBoxInsideTheBody_IsSkippedAndTheArticleGoesOn()
    {
        string box = "<div class=\"inline-box\"><p><strong>Related articles</strong></p><ul>" +
            "<li><a href=\"/2024/01/ferry\">The ferry returns for the winter</a></li><li><a href=\"/2024/02/floods\">Floods close the iron bridge</a></li></ul></div>";
        string html = Page($"<article>{Ps(Paragraphs[..2])}{box}{Ps(Paragraphs[2..])}</article>");

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_RelatedNewsHeadingWithTeasersOnly_EndsTheArticle()
    {
        string tail = "<h3>Related articles</h3><p><a href=\"/2024/01/ferry\">The ferry returns for the winter</a></p><p>Three days ago</p>";

        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}{tail}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_AboutTheAuthorAndComments_AreNotTheArticle()
    {
        string tail = "<h3>About the author</h3><p>Jane Miller has covered local politics for the paper since 2009 and lives on the east bank with her two dogs and a cat.</p>" +
            "<h3>Comments</h3><p>I drive that detour every day and it takes me twenty more minutes each way, so this decision cannot come soon enough for me.</p>";

        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}{tail}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_HeadingLeftAtTheEndOfTheBody_IsDropped()
    {
        ExtractedArticle article = Extract(Page($"<article>{Ps(Paragraphs)}<h2>Weitere Informationen</h2><p>Mehr Themen:</p></article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_SlideshowAndWireChrome_AreDropped()
    {
        string caption = "Engineers inspect the damaged pier of the iron bridge after the spring floods.";
        string slideshow = "<div class=\"slideshow\"><p>Image 1 of 8</p><figure><img src=\"/img/pier.jpg\"><figcaption>" + caption + "</figcaption></figure>" +
            "<p>Caption</p><p>Close</p><figure><img src=\"/img/pier-large.jpg\"><figcaption>" + caption + "</figcaption></figure><p>" + caption + "</p></div>";
        string wire = "<p>The Associated Press Published 3:15 PM EST, Mon March 4, 2024</p>";
        string teaser = "<p>Join the conversation about the bridge and other local stories in our readers' forum.</p>";
        string html = Page($"<article>{wire}{slideshow}{Ps(Paragraphs)}{teaser}<p>© 2024 Example News. All rights reserved.</p></article>");

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Where(b => b.Kind != BlockKind.FigureCaption).Select(b => b.Text), Is.EqualTo(Paragraphs));
            Assert.That(article.Blocks.Where(b => b.Kind == BlockKind.FigureCaption).Select(b => b.Text), Is.EqualTo(new[] { caption }), "one caption, not three");
        }
    }

    [Test]
    public void Extract_DateLinesAroundTheBody_AreNotParagraphs()
    {
        string html = Page($"<article><p>Aktualisiert: 11.04.2020, 10:27</p>{Ps(Paragraphs)}<p>Publiziert am 03.04.2020.</p></article>");

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_LongParagraphThatStartsWithAnImage_IsAParagraphNotACaption()
    {
        // Editors float an image at the start of a paragraph; a caption beside an image is a line, not 150+ characters.
        string html = Page($"<article><p><img src=\"/img/bridge.jpg\" align=\"left\">{Paragraphs[0]}</p>{Ps(Paragraphs[1..])}</article>");

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
            Assert.That(article.Blocks.Select(b => b.Kind), Has.All.EqualTo(BlockKind.Paragraph));
        }
    }

    private static string Ps(IEnumerable<string> paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty);

    private static string Page(string content) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><title>{Title} | Example News</title><meta property=\"og:title\" content=\"{Title}\"></head>" +
        $"<body><header><nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a></nav></header><h1>{Title}</h1>{content}" +
        "<footer><p>© Example News. All rights reserved.</p></footer></body></html>";

    private static ExtractedArticle Extract(string html)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }
}
