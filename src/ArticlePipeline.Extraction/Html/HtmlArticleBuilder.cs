using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Credits;
using ArticlePipeline.Extraction.Logging;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Builds the article from the chosen container and the page's facts, whichever strategy chose it: blocks and images,
/// the lead, an agency credit, the authors in order of trust, and the boilerplate lines dropped.
/// </summary>
internal static partial class HtmlArticleBuilder
{
    /// <summary>The extractor name of articles a profile found.</summary>
    public const string ViaProfile = "profile";

    /// <summary>The extractor name of articles content scoring found.</summary>
    public const string ViaContentScoring = "generic";

    /// <summary>Fewest body characters an article has (unless its lead has as many).</summary>
    public const int MinimumBodyCharacters = 80;

    /// <summary>Builds the article from <paramref name="container"/>; <see langword="null"/> when it holds too little text.</summary>
    /// <param name="container">The element holding the body, which this rewrites.</param>
    /// <param name="facts">What the page says around the body.</param>
    /// <param name="page">The page.</param>
    /// <param name="profile">The source's profile: its drop phrases, and its name when <paramref name="extractor"/> is <see cref="ViaProfile"/>.</param>
    /// <param name="extractor"><see cref="ViaProfile"/> or <see cref="ViaContentScoring"/>.</param>
    /// <param name="logger">The log.</param>
    public static ExtractedArticle? Assemble(IElement container, PageFacts facts, PreparedPage page, ExtractionProfile? profile, string extractor, ILogger logger)
    {
        bool viaProfile = extractor == ViaProfile;
        PageMetadata metadata = page.Metadata;
        Uri baseUrl = page.BaseUrl;
        RemoveTeaserBoxes(container, page.BaseUrl, [page.PageUrl, metadata.Canonical]);
        string title = facts.Title;
        string? lead = facts.Lead;
        CollectedBlocks collected = BlockCollector.Collect(container, baseUrl);
        List<RawBlock> raw = collected.Blocks;
        List<ArticleImage> images = collected.Images;
        if (collected.KeptWithoutBoilerplate is { } kept)
        {
            Uri url = page.PageUrl;
            int total = collected.ContainerLength;
            ExtractionLog.ContainerReadWithBoilerplate(logger, url, kept, total);
        }

        raw.RemoveAll(b => b.Text == title);
        if (lead is null && raw.Count > 1 && raw[0].Kind == BlockKind.Paragraph &&
            ((raw[0].Bold && raw[0].Text.Length >= 60) || IsDescription(raw[0].Text, metadata.Description)))
        {
            // A bold first paragraph, or one the page's description repeats, is the lead.
            lead = raw[0].Text;
            raw.RemoveAt(0);
        }

        // An agency credit written as its own line before the text ("(VTC News) -") opens the lead paragraph.
        string? credit = null;
        if (raw.Count > 1 && AgencyPrefix().Match(raw[0].Text) is { Success: true } alone && alone.Length == raw[0].Text.Length)
        {
            if (lead is not null && !lead.StartsWith('('))
            {
                lead = raw[0].Text + " " + lead;
            }
            else
            {
                raw[1] = raw[1] with { Text = raw[0].Text + " " + raw[1].Text };
            }

            raw.RemoveAt(0);
        }

        if (AgencyPrefix().Match(lead ?? raw.FirstOrDefault()?.Text ?? string.Empty) is { Success: true } prefix)
        {
            credit = prefix.Groups["credit"].Value.Trim();
        }

        var assembler = new ArticleAssembler(BoilerplateClassifier.Default, profile?.DropPhrases.ToList());
        assembler.Add(raw, plainText: false);
        assembler.RemoveRepeats(title, lead);
        int bodyCharacters = assembler.Blocks.Sum(b => b.Text.Length);
        if (bodyCharacters < MinimumBodyCharacters && (lead?.Length ?? 0) < MinimumBodyCharacters)
        {
            return null;
        }

        (List<string> authors, List<Credit> credits) = AuthorsAndCredits(credit, assembler, facts, metadata, baseUrl, images);
        if (metadata.Image is not null && images.Count == 0 && Uri.TryCreate(baseUrl, metadata.Image, out Uri? ogImage))
        {
            images.Add(new ArticleImage(ogImage.AbsoluteUri, null));
        }

        return new ExtractedArticle(
            Title: title,
            Lead: string.IsNullOrEmpty(lead) ? null : lead,
            Blocks: [.. assembler.Blocks],
            Authors: [.. authors],
            PublishedAt: facts.Date ?? assembler.Date,
            Publisher: metadata.Publisher ?? assembler.Publisher,
            CanonicalUrl: metadata.Canonical,
            Images: [.. images],
            Tags: page.Tags,
            SourceLinks: [.. assembler.SourceLinks],
            Language: null,
            Extractor: extractor,
            Profile: viaProfile ? profile!.Name : null)
        {
            Credits = [.. credits],
            Alternates = metadata.Alternates,
        };
    }

    // Bylines: the profile's, then the body's own (a trailing name), a byline element, the page's metadata; the first
    // that names a person wins. Whatever names an outlet, a source, a photographer or a translator is a credit, and
    // a photo credit closing an image's caption is also the image's credit.
    private static (List<string> Authors, List<Credit> Credits) AuthorsAndCredits(
        string? leadCredit, ArticleAssembler body, PageFacts facts, PageMetadata metadata, Uri baseUrl, List<ArticleImage> images)
    {
        string?[] siteNames = [metadata.Publisher, body.Publisher];
        var credits = new List<Credit>();
        if (leadCredit is not null)
        {
            credits.Add(new Credit(leadCredit, CreditKind.Agency));
        }

        credits.AddRange(body.Credits);
        var bylines = new ArticleAssembler(BoilerplateClassifier.Default);
        foreach (string author in facts.Authors)
        {
            bylines.AddByline(author);
        }

        List<string> people = People(bylines.Authors);
        if (people.Count == 0)
        {
            people = People(body.Authors);
        }

        var fallback = new ArticleAssembler(BoilerplateClassifier.Default);
        var fromMetadata = new ArticleAssembler(BoilerplateClassifier.Default);
        if (people.Count == 0 && facts.Byline is not null)
        {
            fallback.AddByline(facts.Byline);
            people = People(fallback.Authors);
        }

        if (people.Count == 0)
        {
            foreach (string author in metadata.Authors)
            {
                fromMetadata.AddAuthors(author);
            }

            people = People(fromMetadata.Authors);
            credits.AddRange(fromMetadata.Credits);
        }

        // Outlets named where a byline was expected (the profile's author box, the trailing line) are agency credits.
        credits.AddRange(bylines.Credits);
        credits.AddRange(fallback.Credits);
        credits.AddRange(Separate([.. bylines.Authors, .. body.Authors, .. fallback.Authors, .. fromMetadata.Authors], []).Credits);
        for (int i = 0; i < images.Count; i++)
        {
            if (Captions.PhotoCreditOf(images[i].Caption) is { } photographer)
            {
                images[i] = images[i] with { Credit = photographer };
                credits.Add(new Credit(photographer, CreditKind.Photo));
            }
        }

        foreach (ContentBlock caption in body.Blocks.Where(b => b.Kind == BlockKind.FigureCaption))
        {
            if (Captions.PhotoCreditOf(caption.Text) is { } photographer)
            {
                credits.Add(new Credit(photographer, CreditKind.Photo));
            }
        }

        return Separate(people, credits);

        List<string> People(List<string> candidates) => Separate(candidates, []).Authors;

        (List<string> Authors, List<Credit> Credits) Separate(IEnumerable<string> candidates, IEnumerable<Credit> found) =>
            CreditNames.Separate(candidates, found, baseUrl, siteNames, BoilerplateLexicon.Default);
    }

    // The page description (meta/OpenGraph) repeating the first paragraph marks it as the lead.
    private static bool IsDescription(string text, string? description)
    {
        if (description is null || description.Length < 40)
        {
            return false;
        }

        int length = Math.Min(description.Length, 80);
        return text.Length <= description.Length + 40 && text.StartsWith(description[..length].TrimEnd('.', '…', ' '), StringComparison.Ordinal);
    }

    // A box inside the body that teases another article: a heading that is one link to another page, with at most
    // an image and a summary. Related-news boxes look like this wherever a CMS puts them. A heading that links to
    // the page itself is the post's own title (blogs link it as the permalink), and its box is the article.
    // A linked heading in the flow of the text (no box of its own) is a section of a list article ("Rez Infinite
    // ($30)" over its review), unless a label announces it as another article ("MIRA: ...").
    private static void RemoveTeaserBoxes(IElement container, Uri baseUrl, Uri?[] self)
    {
        foreach (IElement heading in container.QueryAll("h1, h2, h3, h4, h5, h6").ToArray())
        {
            IElement? link = heading.QueryFirst("a[href]");
            string? href = link?.GetAttribute("href");
            if (link is null || href is null || href.StartsWith('#') || DomText.Length(link) < DomText.Length(heading) * 0.9)
            {
                continue;
            }

            if (IsSelfLink(href, baseUrl, self))
            {
                continue;
            }

            IElement box = heading;
            while (box.ParentElement is { } parent && parent != container && DomText.Length(parent) <= 400 && parent.QueryAll("h1, h2, h3, h4, h5, h6").Length == 1)
            {
                box = parent;
            }

            if (box != heading || IsAnnouncedLink(heading, link))
            {
                box.Remove();
            }
        }
    }

    private static bool IsAnnouncedLink(IElement heading, IElement link)
    {
        string text = heading.TextContent;
        int start = text.IndexOf(link.TextContent, StringComparison.Ordinal);
        return start > 0 && text[..start].TrimEnd().EndsWith(':');
    }

    private static bool IsSelfLink(string href, Uri baseUrl, Uri?[] self)
    {
        if (!Uri.TryCreate(baseUrl, href, out Uri? target))
        {
            return false;
        }

        string link = Comparable(target);
        return self.Any(own => own is not null && own.IsAbsoluteUri && Comparable(own) == link);

        static string Comparable(Uri url) =>
            url.GetComponents(UriComponents.Host | UriComponents.Path | UriComponents.Query, UriFormat.UriEscaped).TrimEnd('/');
    }

    // "(VTC News) -", "(Chinhphu.vn) –", "(CTO) -": a news agency or outlet credited before the first sentence.
    [GeneratedRegex(@"^\((?<credit>[^()\d]{2,40})\)\s*[-–—]", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyPrefix();
}
