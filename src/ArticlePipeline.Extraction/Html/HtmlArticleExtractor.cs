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

    /// <summary>Why a page over <see cref="HtmlLimits"/> has no article.</summary>
    public const string TooComplex = "too-complex";

    public static ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile, HtmlLimits? limits = null)
    {
        string html = PageDecoder.Decode(page.Body.Span, page.ContentType);
        limits ??= HtmlLimits.Default;
        using var budget = new CancellationTokenSource(limits.TimeBudget, limits.Clock);
        ExtractionOutcome? viaProfile = profile is null ? null : Extract(html, page.Url, profile, generic: false, limits, budget.Token);
        if (viaProfile?.Article is not null || viaProfile?.Reason == TooComplex)
        {
            return viaProfile;
        }

        return budget.IsCancellationRequested
            ? ExtractionOutcome.NotFound(TooComplex) with { Detail = $"not extracted within {limits.TimeBudget.TotalSeconds:0.###} s" }
            : Extract(html, page.Url, profile, generic: true, limits, budget.Token);
    }

    // One pass over a freshly parsed document: the passes rewrite it, so a profile that fails leaves a clean slate.
    // The generic pass keeps the profile's drop phrases, which are about the site, not its layout.
    private static ExtractionOutcome Extract(string html, Uri pageUrl, ExtractionProfile? profile, bool generic, HtmlLimits limits, CancellationToken budget)
    {
        using IHtmlDocument? document = BoundedHtmlParser.Parse(html, limits, budget, out string? tooComplex);
        if (document is null)
        {
            return ExtractionOutcome.NotFound(TooComplex) with { Detail = tooComplex };
        }

        Uri baseUrl = BaseUrl(document, pageUrl);
        PageMetadata metadata = MetadataReader.Read(document, baseUrl);
        IElement body = document.Body ?? document.DocumentElement;

        // Tags live in boxes the cleaning below removes; read them first.
        ImmutableArray<string> tags = [.. metadata.Tags, .. ReadTags(body)];

        UnwrapNoscriptArticles(body);
        foreach (IElement junk in body.QuerySelectorAll(DomPatterns.AlwaysRemoved).ToArray())
        {
            junk.Remove();
        }

        foreach (IElement hidden in body.QuerySelectorAll("*").Where(e => !DomText.IsProbablyVisible(e)).ToArray())
        {
            hidden.Remove();
        }

        if (profile is not null && !generic)
        {
            // The profile's title, lead, author and date may sit in a box it drops from the body (a header block).
            PageFacts facts = ReadFacts(body, metadata, profile);
            foreach (string selector in profile.Drop)
            {
                foreach (IElement dropped in SafeQueryAll(body, selector))
                {
                    dropped.Remove();
                }
            }

            IElement? container = SafeQuery(body, profile.Body);
            ExtractedArticle? article = container is not null && DomText.NonSpace(container) >= MinimumBodyCharacters
                ? Assemble(container, facts, metadata, baseUrl, profile, tags, "profile")
                : null;
            return article is null ? ExtractionOutcome.NotFound("profile-not-matched") : ExtractionOutcome.Found(article);
        }

        // Title, lead, byline and date sit around the body, in boxes the content finder may remove: read them first.
        PageFacts genericFacts = ReadFacts(body, metadata, null);
        ContentFinder finder = ContentFinder.Find(body);
        if (finder.Container is null)
        {
            return ExtractionOutcome.NotFound("not-an-article");
        }

        genericFacts = genericFacts with { Byline = genericFacts.Byline ?? finder.Byline };
        genericFacts = genericFacts with { Date = genericFacts.Date ?? FindDateNear(body, null, finder.Container) };
        ExtractedArticle? found = Assemble(finder.Container, genericFacts, metadata, baseUrl, profile, tags, "generic");
        return found is null ? ExtractionOutcome.NotFound("not-an-article") : ExtractionOutcome.Found(found);
    }

    // What the page says around the body. A profile's selectors come first; the generic search fills the gaps.
    private static PageFacts ReadFacts(IElement body, PageMetadata metadata, ExtractionProfile? profile)
    {
        IElement? titleElement = profile is null ? null : SafeQuery(body, profile.Title);
        string title = TextNormalizer.Normalize(titleElement?.TextContent);
        if (title.Length == 0)
        {
            (title, titleElement) = FindTitle(body, metadata);
        }

        IElement? leadElement = profile is null ? null : SafeQuery(body, profile.Lead);
        leadElement ??= FindLead(body, titleElement);
        string? lead = leadElement is null ? null : TextNormalizer.Normalize(leadElement.TextContent);

        string[] authors = profile is null ? [] : [.. SafeQueryAll(body, profile.Author).Select(a => TextNormalizer.Normalize(a.TextContent)).Where(a => a.Length > 0)];
        string? byline = authors.Length > 0 ? null : FindBylineNear(body, titleElement);

        DateTimeOffset? date = profile is null ? null : PublicationDateParser.ParseText(SafeQuery(body, profile.Date)?.TextContent);
        DateTimeOffset? near = FindDateNear(body, titleElement, null);
        date ??= metadata.PublishedAt is { } meta && (!metadata.PublishedDateOnly || near?.Date != meta.Date) ? meta : near ?? metadata.PublishedAt;
        return new PageFacts(title, string.IsNullOrEmpty(lead) ? null : lead, authors, byline, date);
    }

    private static ExtractedArticle? Assemble(
        IElement container,
        PageFacts facts,
        PageMetadata metadata,
        Uri baseUrl,
        ExtractionProfile? profile,
        ImmutableArray<string> tags,
        string extractor)
    {
        bool viaProfile = extractor == "profile";
        RemoveTeaserBoxes(container);
        string title = facts.Title;
        string? lead = facts.Lead;
        (List<RawBlock> raw, List<ArticleImage> images) = BlockCollector.Collect(container, baseUrl);
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

        // Bylines: the profile's, then the body's own (a trailing name), the page's metadata, a byline element.
        var authors = new ArticleAssembler(BoilerplateClassifier.Default);
        foreach (string author in facts.Authors)
        {
            authors.AddByline(author);
        }

        if (authors.Authors.Count == 0)
        {
            authors.Authors.AddRange(assembler.Authors);
        }

        if (authors.Authors.Count == 0 && facts.Byline is not null)
        {
            authors.AddByline(facts.Byline);
        }

        if (authors.Authors.Count == 0)
        {
            foreach (string author in metadata.Authors)
            {
                authors.AddAuthors(author);
            }
        }

        // A site's own name (baodautu.vn, its og:site_name) is the publisher, never an author.
        authors.Authors.RemoveAll(a => IsSiteName(a, baseUrl, metadata.Publisher));
        if (credit is not null && !IsSiteName(credit, baseUrl, metadata.Publisher) && !authors.Authors.Contains(credit, StringComparer.OrdinalIgnoreCase))
        {
            authors.Authors.Add(credit);
        }

        if (metadata.Image is not null && images.Count == 0 && Uri.TryCreate(baseUrl, metadata.Image, out Uri? ogImage))
        {
            images.Add(new ArticleImage(ogImage.AbsoluteUri, null));
        }

        return new ExtractedArticle(
            Title: title,
            Lead: string.IsNullOrEmpty(lead) ? null : lead,
            Blocks: [.. assembler.Blocks],
            Authors: [.. authors.Authors],
            PublishedAt: facts.Date ?? assembler.Date,
            Publisher: metadata.Publisher ?? assembler.Publisher,
            CanonicalUrl: metadata.Canonical,
            Images: [.. images],
            Tags: tags,
            SourceLinks: [.. assembler.SourceLinks],
            Language: null,
            Extractor: extractor,
            Profile: viaProfile ? profile!.Name : null);
    }

    // Pages that render the article with a script (Blogger) give it in <noscript> too: when the paragraphs there
    // outweigh those of the rest of the page, they are the article (a consent notice in <noscript> is not).
    private static void UnwrapNoscriptArticles(IElement body)
    {
        IElement[] noscripts = [.. body.GetElementsByTagName("noscript")];
        if (noscripts.Length == 0)
        {
            return;
        }

        int outside = body.GetElementsByTagName("p").Where(p => p.Closest("noscript") is null).Sum(DomText.Length);
        foreach (IElement noscript in noscripts)
        {
            int inside = noscript.GetElementsByTagName("p").Sum(DomText.Length);
            if (inside >= 200 && inside > outside)
            {
                while (noscript.FirstChild is { } child)
                {
                    noscript.Parent!.InsertBefore(child, noscript);
                }

                noscript.Remove();
            }
        }
    }

    private static bool IsSiteName(string author, Uri pageUrl, string? publisher)
    {
        string name = author.Trim().ToLowerInvariant();
        string host = pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host;
        return name.Equals(host, StringComparison.OrdinalIgnoreCase) || name.Equals("www." + host, StringComparison.OrdinalIgnoreCase) ||
            (publisher is not null && string.Equals(author.Trim(), publisher.Trim(), StringComparison.OrdinalIgnoreCase));
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
    // an image and a summary. Related-news boxes look like this wherever a CMS puts them.
    private static void RemoveTeaserBoxes(IElement container)
    {
        foreach (IElement heading in container.QuerySelectorAll("h1, h2, h3, h4, h5, h6").ToArray())
        {
            IElement? link = heading.QuerySelector("a[href]");
            string? href = link?.GetAttribute("href");
            if (link is null || href is null || href.StartsWith('#') || DomText.Length(link) < DomText.Length(heading) * 0.9)
            {
                continue;
            }

            IElement box = heading;
            while (box.ParentElement is { } parent && parent != container && DomText.Length(parent) <= 400 && parent.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Length == 1)
            {
                box = parent;
            }

            if (box != heading || DomText.Length(heading) > 0)
            {
                box.Remove();
            }
        }
    }

    private static (string Title, IElement? Element) FindTitle(IElement body, PageMetadata metadata)
    {
        IElement[] headings = body.QuerySelectorAll("h1").Where(h => TextNormalizer.Normalize(h.TextContent).Length >= 10).ToArray();
        if (metadata.Title is { } metaTitle)
        {
            IElement? matching = headings.FirstOrDefault(h => Similar(TextNormalizer.Normalize(h.TextContent), metaTitle));
            if (matching is not null)
            {
                return (TextNormalizer.Normalize(matching.TextContent), matching);
            }
        }

        IElement? heading = headings.FirstOrDefault(h => h.Closest("header, a") is null || h.Closest("article") is not null);
        if (heading is not null)
        {
            return (TextNormalizer.Normalize(heading.TextContent), heading);
        }

        if (metadata.Title is not null)
        {
            return (metadata.Title, FindTitleElement(body, metadata.Title));
        }

        string head = TitleSuffix().Replace(metadata.HeadTitle ?? string.Empty, string.Empty).Trim();
        return (head, head.Length == 0 ? null : FindTitleElement(body, head));
    }

    private static IElement? FindTitleElement(IElement body, string title) =>
        body.QuerySelectorAll("h1, h2").FirstOrDefault(h => TextNormalizer.Normalize(h.TextContent) == title);

    private static bool Similar(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) ||
        (a.Length >= 10 && b.Contains(a, StringComparison.OrdinalIgnoreCase)) ||
        (b.Length >= 10 && a.Contains(b, StringComparison.OrdinalIgnoreCase));

    // The lead (sapo) is a lead-classed box after the title and before the body's first long paragraph.
    private static IElement? FindLead(IElement body, IElement? title)
    {
        foreach (IElement element in AfterTitle(body, title))
        {
            if (!DomPatterns.IsLeadLike(element) || DomPatterns.IsCaptionLike(element) || element.Closest("footer, nav, aside, a, li, figure, figcaption, table") is not null ||
                (title is not null && element.Contains(title)) || InNegativeBox(element, body))
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

    // A byline element (class, rel or itemprop "author") close to the title.
    private static string? FindBylineNear(IElement body, IElement? title)
    {
        foreach (IElement element in AfterTitle(body, title))
        {
            if (!Bylines.IsMarked(element, BylineVocabulary.News) || (title is not null && !Near(title, element)) || InNegativeBox(element, body) || element.QuerySelector("p, div, li") is not null)
            {
                continue;
            }

            string text = TextNormalizer.Normalize(element.TextContent);
            if (text.Length is >= 2 and <= 80)
            {
                return text;
            }
        }

        return null;
    }

    // Elements in document order from the title (or the top) to the body's first long paragraph.
    private static IEnumerable<IElement> AfterTitle(IElement body, IElement? title)
    {
        bool started = title is null;
        foreach (IElement element in body.QuerySelectorAll("*"))
        {
            if (!started)
            {
                started = element == title;
                continue;
            }

            if (element.LocalName == "p" && DomText.Length(element) >= 200 && element.Closest("[class], [id]") is { } box && !DomPatterns.IsLeadLike(box) && !DomPatterns.IsLeadLike(element))
            {
                yield break;
            }

            yield return element;
        }
    }

    private static bool Near(IElement title, IElement candidate)
    {
        IElement? ancestor = title.ParentElement;
        for (int level = 0; ancestor is not null && level < 3; level++, ancestor = ancestor.ParentElement)
        {
            if (ancestor.Contains(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InNegativeBox(IElement element, IElement body)
    {
        for (IElement? e = element; e is not null && e != body; e = e.ParentElement)
        {
            if (DomPatterns.IsNegative(e))
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset? FindDateNear(IElement body, IElement? title, IElement? container)
    {
        // Dates in the site header ("today is ...") are not the article's: look near the title and the body.
        if (title is null && container is null)
        {
            return null;
        }

        IEnumerable<IElement> candidates = body.QuerySelectorAll("time, span, div, p, li")
            .Where(e => (DomPatterns.IsDateLike(e) || e.LocalName == "time") && e.Closest("header, footer, nav") is null);
        DateTimeOffset? updated = null;
        foreach (IElement candidate in candidates)
        {
            bool near = (title is not null && Near(title, candidate)) || container?.ParentElement?.Contains(candidate) == true;
            if (!near)
            {
                continue;
            }

            if (PublicationDateParser.ParseValue(candidate.GetAttribute("datetime")) is { } stamped)
            {
                return stamped;
            }

            // "Cập nhật: 10:15, 01/02/2025" shown before the publication line is the fallback, not the answer.
            if (PublicationDateParser.FindPublished(candidate.TextContent.Length <= 120 ? candidate.TextContent : null) is { } found)
            {
                if (!found.Updated)
                {
                    return found.Value;
                }

                updated ??= found.Value;
            }
        }

        return updated;
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

    // "(VTC News) -", "(Chinhphu.vn) –", "(CTO) -": a news agency or outlet credited before the first sentence.
    [GeneratedRegex(@"^\((?<credit>[^()\d]{2,40})\)\s*[-–—]", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyPrefix();

    [GeneratedRegex(@"\s+[-|–—]\s+[^-|–—]{2,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffix();
}
