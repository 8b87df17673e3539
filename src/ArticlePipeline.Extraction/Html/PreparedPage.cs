using System.Collections.Immutable;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>A parsed page made ready for a strategy: metadata and tags read, what is never text removed from the body.</summary>
/// <param name="PageUrl">The page's URL.</param>
/// <param name="Body">The body (or the root element when there is none), cleaned.</param>
/// <param name="BaseUrl">The URL relative links resolve against (<c>&lt;base href&gt;</c> or the page's URL).</param>
/// <param name="Metadata">Meta tags, OpenGraph and JSON-LD.</param>
/// <param name="Tags">The page's tags: from its metadata, then from tag boxes in the body.</param>
internal sealed record PreparedPage(Uri PageUrl, IElement Body, Uri BaseUrl, PageMetadata Metadata, ImmutableArray<string> Tags)
{
    /// <summary>Reads the metadata of <paramref name="document"/> and cleans its body.</summary>
    public static PreparedPage From(IHtmlDocument document, Uri pageUrl)
    {
        Uri baseUrl = BaseUrlOf(document, pageUrl);
        PageMetadata metadata = MetadataReader.Read(document, baseUrl);
        IElement body = document.Body ?? document.DocumentElement;

        // Tags live in boxes the cleaning below removes; read them first.
        ImmutableArray<string> tags = [.. metadata.Tags, .. ReadTags(body)];

        UnwrapNoscriptArticles(body);
        foreach (IElement junk in body.QueryAll(DomPatterns.AlwaysRemoved).ToArray())
        {
            junk.Remove();
        }

        foreach (IElement hidden in body.QueryAll("*").Where(e => !Visibility.IsProbablyVisible(e)).ToArray())
        {
            hidden.Remove();
        }

        return new PreparedPage(pageUrl, body, baseUrl, metadata, tags);
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

        int outside = body.GetElementsByTagName("p").Where(p => DomText.Closest(p, "noscript") is null).Sum(DomText.Length);
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

    private static IEnumerable<string> ReadTags(IElement body)
    {
        var tags = new List<string>();
        foreach (IElement box in body.QueryAll("[class*=tag], [class*=keyword], [class*=tu-khoa], [class*=tukhoa]"))
        {
            if (DomPatterns.InPageChrome(box))
            {
                continue;
            }

            foreach (IElement link in box.QueryAll("a"))
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

    private static Uri BaseUrlOf(IHtmlDocument document, Uri pageUrl)
    {
        string? href = document.QueryFirst("base[href]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(pageUrl, href, out Uri? baseUrl) ? baseUrl : pageUrl;
    }
}
