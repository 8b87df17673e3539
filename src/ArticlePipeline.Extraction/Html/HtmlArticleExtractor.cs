using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Dates;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Extracts an article from HTML: the site profile first, generic content scoring as the fallback.</summary>
internal static partial class HtmlArticleExtractor
{
    private const int MinimumBodyCharacters = 80;

    public static ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile)
    {
        string html = PageDecoder.Decode(page.Body.Span, page.ContentType);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using IHtmlDocument document = parser.ParseDocument(html);
        Uri baseUrl = BaseUrl(document, page.Url);
        PageMetadata metadata = MetadataReader.Read(document, baseUrl);
        IElement body = document.Body ?? document.DocumentElement;

        // Tags live in boxes the cleaning below removes; read them first.
        ImmutableArray<string> tags = [.. metadata.Tags, .. ReadTags(body)];

        foreach (IElement junk in body.QuerySelectorAll(DomPatterns.AlwaysRemoved).ToArray())
        {
            junk.Remove();
        }

        if (profile is not null)
        {
            foreach (string selector in profile.Drop)
            {
                foreach (IElement dropped in SafeQueryAll(body, selector))
                {
                    dropped.Remove();
                }
            }

            IElement? container = SafeQuery(body, profile.Body);
            if (container is not null && ContentScorer.CountNonSpace(container.TextContent) >= MinimumBodyCharacters)
            {
                ExtractedArticle? viaProfile = Assemble(body, container, metadata, baseUrl, profile, tags, "profile");
                if (viaProfile is not null)
                {
                    return ExtractionOutcome.Found(viaProfile);
                }
            }
        }

        IElement? found = FindGenericContainer(body);
        if (found is null)
        {
            return ExtractionOutcome.NotFound("not-an-article");
        }

        ExtractedArticle? article = Assemble(body, found, metadata, baseUrl, profile, tags, "generic");
        return article is null ? ExtractionOutcome.NotFound("not-an-article") : ExtractionOutcome.Found(article);
    }

    private static IElement? FindGenericContainer(IElement body)
    {
        // Remove what is named boilerplate before scoring, unless it holds the best candidate itself.
        foreach (IElement unlikely in body.QuerySelectorAll("*").Where(DomPatterns.IsUnlikely).ToArray())
        {
            if (unlikely.LocalName is not ("body" or "html" or "article" or "main"))
            {
                unlikely.Remove();
            }
        }

        foreach (IElement outer in body.QuerySelectorAll("footer, aside").ToArray())
        {
            outer.Remove();
        }

        return ContentScorer.FindContainer(body);
    }

    private static ExtractedArticle? Assemble(
        IElement body,
        IElement container,
        PageMetadata metadata,
        Uri baseUrl,
        ExtractionProfile? profile,
        ImmutableArray<string> tags,
        string extractor)
    {
        bool viaProfile = extractor == "profile";
        IElement? titleElement = viaProfile ? SafeQuery(body, profile!.Title) : null;
        string title = TextNormalizer.Normalize(titleElement?.TextContent);
        if (title.Length == 0)
        {
            title = FindTitle(body, metadata);
        }

        IElement? leadElement = viaProfile ? SafeQuery(body, profile!.Lead) : null;
        leadElement ??= FindLead(body, container);
        string? lead = leadElement is null ? null : TextNormalizer.Normalize(leadElement.TextContent);
        IElement? dateElement = viaProfile ? SafeQuery(body, profile!.Date) : null;
        IElement[] authorElements = viaProfile ? SafeQueryAll(body, profile!.Author).ToArray() : [];

        (List<RawBlock> raw, List<ArticleImage> images) = BlockCollector.Collect(container, baseUrl);
        if (lead is null && raw.Count > 1 && raw[0].Kind == BlockKind.Paragraph && raw[0].Bold && raw[0].Text.Length >= 60)
        {
            lead = raw[0].Text;
            raw.RemoveAt(0);
        }

        var assembler = new ArticleAssembler(BoilerplateClassifier.Default, profile?.DropPhrases.ToList());
        assembler.Add(raw, plainText: false);
        assembler.RemoveRepeats(title, lead);
        int bodyCharacters = assembler.Blocks.Sum(b => b.Text.Length);
        if (bodyCharacters < MinimumBodyCharacters && (lead?.Length ?? 0) < MinimumBodyCharacters)
        {
            return null;
        }

        foreach (IElement author in authorElements)
        {
            assembler.AddAuthors(TextNormalizer.Normalize(author.TextContent));
        }

        if (assembler.Authors.Count == 0)
        {
            foreach (string author in metadata.Authors)
            {
                assembler.AddAuthors(author);
            }
        }

        DateTimeOffset? published =
            PublicationDateParser.ParseText(dateElement?.TextContent) ??
            metadata.PublishedAt ??
            assembler.Date ??
            FindDateNear(body, titleElement ?? FindTitleElement(body, title), container);

        if (metadata.Image is not null && images.Count == 0 && Uri.TryCreate(baseUrl, metadata.Image, out Uri? ogImage))
        {
            images.Add(new ArticleImage(ogImage.AbsoluteUri, null));
        }

        return new ExtractedArticle(
            Title: title,
            Lead: string.IsNullOrEmpty(lead) ? null : lead,
            Blocks: [.. assembler.Blocks],
            Authors: [.. assembler.Authors],
            PublishedAt: published,
            Publisher: metadata.Publisher ?? assembler.Publisher,
            CanonicalUrl: metadata.Canonical,
            Images: [.. images],
            Tags: tags,
            SourceLinks: [.. assembler.SourceLinks],
            Language: null,
            Extractor: extractor,
            Profile: viaProfile ? profile!.Name : null);
    }

    private static string FindTitle(IElement body, PageMetadata metadata)
    {
        IElement[] headings = body.QuerySelectorAll("h1").Where(h => TextNormalizer.Normalize(h.TextContent).Length >= 10).ToArray();
        if (metadata.Title is { } metaTitle)
        {
            IElement? matching = headings.FirstOrDefault(h => Similar(TextNormalizer.Normalize(h.TextContent), metaTitle));
            if (matching is not null)
            {
                return TextNormalizer.Normalize(matching.TextContent);
            }
        }

        IElement? heading = headings.FirstOrDefault(h => h.Closest("header, a") is null || h.Closest("article") is not null);
        if (heading is not null)
        {
            return TextNormalizer.Normalize(heading.TextContent);
        }

        if (metadata.Title is not null)
        {
            return metadata.Title;
        }

        string head = metadata.HeadTitle ?? string.Empty;
        return TitleSuffix().Replace(head, string.Empty).Trim();
    }

    private static IElement? FindTitleElement(IElement body, string title) =>
        body.QuerySelectorAll("h1, h2").FirstOrDefault(h => TextNormalizer.Normalize(h.TextContent) == title);

    private static bool Similar(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) ||
        (a.Length >= 10 && b.Contains(a, StringComparison.OrdinalIgnoreCase)) ||
        (b.Length >= 10 && a.Contains(b, StringComparison.OrdinalIgnoreCase));

    private static IElement? FindLead(IElement body, IElement container)
    {
        foreach (IElement element in body.QuerySelectorAll("*"))
        {
            if (!DomPatterns.IsLeadLike(element) || element.Contains(container) || element.Closest("header, footer, nav, aside, a") is not null)
            {
                continue;
            }

            int length = TextNormalizer.Normalize(element.TextContent).Length;
            if (length is >= 30 and <= 1500 && ContentScorer.LinkDensity(element) < 0.3)
            {
                return element;
            }
        }

        return null;
    }

    private static DateTimeOffset? FindDateNear(IElement body, IElement? title, IElement container)
    {
        // Dates in the site header ("today is ...") are not the article's: look near the title and the body.
        IEnumerable<IElement> candidates = body.QuerySelectorAll("time, span, div, p, li")
            .Where(e => (DomPatterns.IsDateLike(e) || e.LocalName == "time") && e.Closest("header, footer, nav") is null);
        foreach (IElement candidate in candidates)
        {
            bool near = title is null
                || title.ParentElement?.Contains(candidate) == true
                || title.ParentElement?.ParentElement?.Contains(candidate) == true
                || container.ParentElement?.Contains(candidate) == true;
            if (!near)
            {
                continue;
            }

            DateTimeOffset? date = PublicationDateParser.ParseIso(candidate.GetAttribute("datetime")) ??
                PublicationDateParser.ParseText(candidate.TextContent.Length <= 120 ? candidate.TextContent : null);
            if (date is not null)
            {
                return date;
            }
        }

        return null;
    }

    private static IEnumerable<string> ReadTags(IElement body)
    {
        var tags = new List<string>();
        foreach (IElement box in body.QuerySelectorAll("[class*=tag], [class*=keyword], [class*=tu-khoa], [class*=tukhoa]"))
        {
            if (box.Closest("header, nav, footer") is not null)
            {
                continue;
            }

            foreach (IElement link in box.QuerySelectorAll("a"))
            {
                string tag = TextNormalizer.Normalize(link.TextContent).TrimStart('#').Trim();
                if (tag.Length is > 1 and <= 60 && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(tag);
                }
            }
        }

        return tags.Take(30);
    }

    private static Uri BaseUrl(IHtmlDocument document, Uri pageUrl)
    {
        string? href = document.QuerySelector("base[href]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(pageUrl, href, out Uri? baseUrl) ? baseUrl : pageUrl;
    }

    private static IElement? SafeQuery(IElement root, string? selector) => SafeQueryAll(root, selector).FirstOrDefault();

    private static IElement[] SafeQueryAll(IElement root, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return [];
        }

        try
        {
            return root.QuerySelectorAll(selector).ToArray();
        }
        catch (DomException)
        {
            // A broken selector in a profile behaves like a selector that matches nothing.
            return [];
        }
    }

    [GeneratedRegex(@"\s+[-|–—]\s+[^-|–—]{2,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffix();
}
