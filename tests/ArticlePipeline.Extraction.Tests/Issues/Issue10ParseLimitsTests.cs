using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Html;
using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Extraction.Tests.Issues;

/// <summary>
/// Issue 10, item 7: deeply nested HTML cost the square of its depth (100,000 nested divs: 96 s). The work per page
/// is bounded while parsing, and a page past a limit fails as <c>too-complex</c>.
/// </summary>
[TestFixture]
public sealed class Issue10ParseLimitsTests
{
    private const string Title = "Nông dân Tân Hậu thu hoạch lúa hè thu sớm";

    private const string Paragraph =
        "Theo Phòng Nông nghiệp và Môi trường huyện Tân Hậu, vụ lúa hè thu năm nay toàn huyện xuống giống hơn 14.200 ha, chủ yếu là các giống lúa thơm.";

    private static readonly Uri PageUrl = new("https://baosonghau.example.vn/tin-tuc/lua-he-thu-a1001.html");

    [Test]
    public void Extract_HundredThousandNestedDivs_IsTooComplex()
    {
        ExtractionOutcome outcome = Extract(HostileRoutes.DeepNesting(100_000));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Article, Is.Null);
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(outcome.Detail, Does.Contain("nested more than 256 deep"));
        }
    }

    [Test]
    public void Extract_ArticleNestedTwoHundredDeep_IsStillExtracted()
    {
        // Deep but legal: nearly five times deeper than any real page measured, under the limit.
        string html = Page(string.Concat(Enumerable.Repeat("<div>", 200)) + Paragraphs(3) + string.Concat(Enumerable.Repeat("</div>", 200)));

        ExtractionOutcome outcome = Extract(html);

        Assert.That(outcome.Article?.Blocks.Select(b => b.Text), Is.EqualTo(Enumerable.Repeat(Paragraph, 3)), outcome.Reason);
    }

    [Test]
    public void Extract_MoreElementsThanTheLimit_IsTooComplex()
    {
        ExtractionOutcome outcome = Extract(Page(Paragraphs(50)), HtmlLimits.Default with { MaxElements = 40 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(outcome.Detail, Does.Contain("more than 40 elements"));
        }
    }

    [Test]
    public void Extract_TotalNestingOverTheLimit_IsTooComplex()
    {
        // Twenty chains of 60 nested divs: each element shallow enough, all of them together too deep to walk.
        string chain = string.Concat(Enumerable.Repeat("<div>", 60)) + "<p>x</p>" + string.Concat(Enumerable.Repeat("</div>", 60));
        ExtractionOutcome outcome = Extract(Page(string.Concat(Enumerable.Repeat(chain, 20)) + Paragraphs(3)), HtmlLimits.Default with { MaxTotalNesting = 20_000 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(outcome.Detail, Does.Contain("total nesting"));
        }
    }

    [Test]
    public void Extract_TooManySiblingsToWalk_IsTooComplex()
    {
        string spans = string.Concat(Enumerable.Repeat("<span>x</span>", 2_000));
        ExtractionOutcome outcome = Extract(Page(spans + Paragraphs(3)), HtmlLimits.Default with { MaxTotalSiblingIndex = 1_000_000 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(outcome.Detail, Does.Contain("sibling"));
        }
    }

    [Test]
    public void Extract_TimeBudgetSpent_IsTooComplex()
    {
        ExtractionOutcome outcome = Extract(Page(Paragraphs(3)), HtmlLimits.Default with { TimeBudget = TimeSpan.Zero });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Reason, Is.EqualTo("too-complex"));
            Assert.That(outcome.Detail, Does.Contain("within 0 s"));
        }
    }

    [Test]
    public void Extract_SameArticleWithinTheLimits_IsFound()
    {
        ExtractionOutcome outcome = Extract(Page(Paragraphs(3)), HtmlLimits.Default);

        Assert.That(outcome.Article?.Title, Is.EqualTo(Title), outcome.Reason);
    }

    private static string Paragraphs(int count) => string.Concat(Enumerable.Repeat($"<p>{Paragraph}</p>", count));

    private static string Page(string content) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><title>{Title}</title></head><body><article><h1>{Title}</h1>{content}</article></body></html>";

    private static ExtractionOutcome Extract(string html, HtmlLimits? limits = null)
    {
        var page = new PageContent(PageUrl, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
        return limits is null ? new ArticleExtractor().Extract(page) : HtmlArticleExtractor.Extract(page, null, limits);
    }
}
