using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 15, second round: failure classes found by listing the worst pages of the trafilatura and Readability
/// sets (section anchors that read like boilerplate names, calls to follow or subscribe after the text, short posts beside longer cookie notices and comment forms, a post title linked to the post itself, linked headings in a list article, lists of links that leave the site or stay on the page, date lines with a time zone, a lead picture box taken for the lead, the subtitle under the title, a lead box of several paragraphs repeated in the body). Each page is written for the test after what
/// those sites do.
/// </summary>
[TestFixture]
public sealed class Issue15FailureClassTests
{
    private const string Title = "Sharing work in progress between two machines";

    private static readonly string[] Paragraphs =
    [
        "Once you have mastered editing history in a single repository, you can move on to sharing unfinished changes between your laptop and a test server.",
        "The key is to keep the changes in draft phase while you pass them around, so that the server does not freeze them the moment they arrive there.",
        "Configure the server's repository as non-publishing, enable the extension on both sides, and push as often as you like while the tests are running.",
        "When the work is finished, push the final version to the public repository; the drafts you amended on the way are never transferred at all.",
    ];

    private static readonly Uri PageUrl = new("https://docs.example.org/guide/sharing.html");

    [Test]
    public void Extract_SectionsWhoseIdsSpellTheirHeadings_AreKeptWhateverTheWords()
    {
        // Documentation generators give each section the slug of its heading as id; "sharing", "print" or
        // "search" in a heading's slug do not make the section a share bar or a comment box.
        string html = Page($"""
            <div class="document"><div class="body">
              <div class="section" id="overview"><h2>Overview</h2><p>{Paragraphs[0]}</p></div>
              <div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2><p>{Paragraphs[1]}</p></div>
              <div class="section" id="printing-and-searching-the-log"><h2>Printing and searching the log</h2><p>{Paragraphs[2]}</p></div>
              <div class="section" id="finishing"><h2>Finishing</h2><p>{Paragraphs[3]}</p></div>
            </div></div>
            """);

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text), Is.EqualTo(Paragraphs));
            Assert.That(article.Blocks.Select(b => b.Text), Does.Contain("Sharing with a single developer"));
            Assert.That(article.Blocks.Select(b => b.Text), Does.Contain("Printing and searching the log"));
        }
    }

    [Test]
    public void Extract_FollowSubscribeFiledUnderSkipLinkAndReadingTimeLines_AreDropped()
    {
        // Calls to follow the paper, subscribe or install its app, the blog's "posted in" line and its login prompt, in the
        // body's box; a skip link and the reading time before the text.
        string html = Page($"""
            <article><div class="entry-content"><p><a href="#main">Skip to content</a></p><p>Lesezeit: 2 Minuten</p><p>5 min read</p>
              {string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}
              <p>Subscribe now to our weekend edition for the full story.</p>
              <p>For the latest updates download the Example Docs app for iOS and Android.</p>
              <p>Follow Example Docs on Twitter and Instagram @exampledocs, and tell us what you think.</p>
              <p>Folgen Sie uns auf Facebook und Instagram!</p>
              <p>This entry was posted in Guides and tagged repositories. Bookmark the permalink.</p>
              <p>You must be logged in to post a comment.</p>
            </div></article>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_SentencesThatMentionFollowingOrDownloading_StayInTheText()
    {
        string[] paragraphs =
        [
            .. Paragraphs[..2],
            "Download the latest release of the tool from the project's site, unpack it anywhere, and point the configuration file at your repositories.",
            "Reporters who follow the project closely on its mailing list say the next release will make sharing drafts the default behaviour for teams.",
            "Police asked residents to follow updates on the province's official Facebook page and to download the VNeID app before the deadline.",
            "Subscribers to the paper's YouTube channel rose by a third after the flood coverage, the editor said.",
        ];

        ExtractedArticle article = Extract(Page($"<article>{string.Concat(paragraphs.Select(p => $"<p>{p}</p>"))}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(paragraphs));
    }

    [Test]
    public void Extract_ShortPostBesideLongerCookieNoticeAndCommentForm_IsThePost()
    {
        // A blog post of two short paragraphs; the cookie notice and the comment form below it hold more text.
        string[] post =
        [
            "Two machines, one set of drafts: the test server finally runs the same code as my laptop.",
            "More on the configuration next week, once the last test passes.",
        ];
        string html = Page($"""
            <div id="content"><div class="post-406 post hentry" id="post-406">
              {string.Concat(post.Select(p => $"<p>{p}</p>"))}
            </div>
            <div id="respond" class="comment-respond"><h3>Say your words</h3><form method="post">
              <p>Your e-mail address will not be published, and your name is shown next to your comment. Comments are read before they appear, which can take a day or two, so please be patient with us.</p>
              <p>Name (required)</p><p>E-mail (required, never shown)</p><p>Website</p></form></div></div>
            <div class="widget widget_eu_cookie_law_widget"><div id="eu-cookie-law"><form method="post">
              Privacy and cookies: this site uses cookies. By continuing to use this website, you agree to their use. To find out more, including how to control cookies, see our cookie policy, which also explains how we count visits.
            </form></div></div>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(post));
    }

    [Test]
    public void Extract_ShortPostWhoseTitleLinksToThePageItself_IsNotATeaser()
    {
        // Blog themes link each post's title to its permalink, on the post's own page too; a teaser links elsewhere.
        string[] post =
        [
            "\u201eI know I should not say this\u2026\u201c \u2013 \u201eThen don't.\u201c",
            "\u2013 \u201eOk.\u201c",
        ];
        string html = Page($"""
            <div id="content"><div class="post hentry">
              <h2 class="posttitle"><a href="{PageUrl}">Saying nothing is also an option</a></h2>
              {string.Concat(post.Select(p => $"<p>{p}</p>"))}
            </div>
            <div class="teaser"><h3><a href="/guide/other.html">Another option entirely</a></h3><p>Why doing nothing sometimes works.</p></div></div>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo((string[])["Saying nothing is also an option", .. post]));
    }

    [Test]
    public void Extract_LinkedHeadingsInTheFlowOfAListArticle_AreKeptAndAnnouncedLinksDropped()
    {
        // "The best tools": each entry's heading links to the product; a "READ:" heading links to another story.
        string html = Page($"""
            <div class="article-body">
              <p>{Paragraphs[0]}</p>
              <h3><a href="https://tools.example.com/drafts">Draft Keeper ($30)</a></h3>
              <p>{Paragraphs[1]}</p>
              <h3>READ: <a href="/guide/publishing-by-mistake.html">How a whole team published its drafts by mistake, and what it did next</a></h3>
              <h3><a href="https://tools.example.com/sync">Sync Pilot ($20)</a></h3>
              <p>{Paragraphs[2]}</p>
              <p>{Paragraphs[3]}</p>
            </div>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(
            article.Blocks.Select(b => b.Text),
            Is.EqualTo((string[])[Paragraphs[0], "Draft Keeper ($30)", Paragraphs[1], "Sync Pilot ($20)", Paragraphs[2], Paragraphs[3]]));
    }

    [Test]
    public void Extract_ListsOfLinksOffTheSiteOrIntoThePage_AreKeptAndListsOfTheSitesOwnPagesDropped()
    {
        // A table of contents (links into the page) and a list of fixed bugs (links to the tracker) are the text;
        // a list of the site's other stories is a related box, whatever heading it has.
        string html = Page($"""
            <article>
              <ul class="toc"><li><a href="#setting-up">Setting up</a></li><li><a href="#sharing">Sharing drafts</a></li></ul>
              <p>{Paragraphs[0]}</p>
              <p>{Paragraphs[1]}</p>
              <ul><li><a href="https://bugs.example.net/show_bug.cgi?id=1681512">Drafts pushed twice are shown once</a></li>
                  <li><a href="https://bugs.example.net/show_bug.cgi?id=1637059">Amending a public change is refused</a></li></ul>
              <p>{Paragraphs[2]}</p>
              <p>{Paragraphs[3]}</p>
              <ul><li><a href="/guide/publishing.html">Publishing a release step by step</a></li>
                  <li><a href="https://docs.example.org/guide/branches.html">Working with branches</a></li></ul>
            </article>
            """);

        ExtractedArticle article = Extract(html);

        Assert.That(
            article.Blocks.Select(b => b.Text),
            Is.EqualTo((string[])[
                "Setting up", "Sharing drafts", Paragraphs[0], Paragraphs[1],
                "Drafts pushed twice are shown once", "Amending a public change is refused", Paragraphs[2], Paragraphs[3]]));
    }

    [TestCase("Jun 7, 2023, 8:54 PM UTC|")]
    [TestCase("March 3, 2024, 10:15 am EST")]
    [TestCase("14.06.2023, 20:51 MESZ")]
    public void Extract_DateLineWithTimeZoneBeforeTheText_IsNotAParagraph(string dateLine)
    {
        ExtractedArticle article = Extract(Page($"<article><p>{dateLine}</p>{string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}</article>"));

        Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
    }

    [Test]
    public void Extract_LeadPictureBoxWithItsCaption_IsNotTheLead()
    {
        // "lead-asset" names the lead picture, not the lead text; its caption stays a caption.
        const string caption = "The test server in its rack, where the drafts now arrive unfrozen. Credit: Example Docs";
        string html = Page($"""
            <div class="lead-asset component"><figure class="lead-asset__figure"><img src="/img/rack.jpg">
              <figcaption><span class="lead-asset-caption">{caption}</span></figcaption></figure></div>
            <article>{string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"))}</article>
            """);

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Is.Null);
            Assert.That(article.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text), Is.EqualTo(Paragraphs));
        }
    }

    [Test]
    public void Extract_SubtitleHeadingRightUnderTheTitle_IsTheLead()
    {
        // The dek is an h2 under the h1 in the article's header (an hgroup, a class like "article-subheadline", or
        // none), outside the box that holds the paragraphs.
        const string dek = "Drafts can now travel between a laptop and a test server without being frozen on the way.";
        string body = string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"));
        string html =
            $"<!DOCTYPE html><html lang=\"en\"><head><title>{Title} | Example Docs</title><meta property=\"og:title\" content=\"{Title}\"></head>" +
            $"<body><article><hgroup><h1>{Title}</h1><h2 class=\"article-subheadline\">{dek}</h2></hgroup>" +
            $"<div class=\"article-body\">{body}</div></article></body></html>";

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Is.EqualTo(dek));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs));
        }
    }

    [Test]
    public void Extract_LeadBoxOfSeveralParagraphsInsideTheBody_IsNotRepeatedInTheBody()
    {
        // The intro box holds two paragraphs (no white space between them) and sits inside the article's box: the
        // lead, once, with its sentences apart.
        string html = Page($"""
            <article><div class="article-intro"><p>{Paragraphs[0]}</p><p>{Paragraphs[1]}</p></div>
              <p>{Paragraphs[2]}</p><p>{Paragraphs[3]}</p></article>
            """);

        ExtractedArticle article = Extract(html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Lead, Is.EqualTo(Paragraphs[0] + " " + Paragraphs[1]));
            Assert.That(article.Blocks.Select(b => b.Text), Is.EqualTo(Paragraphs[2..]));
        }
    }

    private static string Page(string content) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><title>{Title} | Example Docs</title><meta property=\"og:title\" content=\"{Title}\"></head>" +
        $"<body><header><nav><a href=\"/\">Home</a> <a href=\"/guide\">Guide</a></nav></header><h1>{Title}</h1>{content}" +
        "<footer><p>© Example Docs. All rights reserved.</p></footer></body></html>";

    private static ExtractedArticle Extract(string html)
    {
        ExtractionOutcome outcome = new ArticleExtractor().Extract(new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.That(outcome.Article, Is.Not.Null, outcome.Reason);
        return new ArticleNormalizer().Normalize(outcome.Article!);
    }
}
