using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ArticlePipeline.Extraction.Dates;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Reads meta tags, OpenGraph, <c>link rel=canonical</c> and JSON-LD <c>NewsArticle</c>.</summary>
internal static partial class MetadataReader
{
    private static readonly string[] ArticleTypes = ["NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle"];

    /// <summary>Reads the metadata of <paramref name="document"/>.</summary>
    public static PageMetadata Read(IHtmlDocument document, Uri pageUrl)
    {
        // Whole document, read once: a stray </html> before <head> makes the parser put the meta tags in the body.
        IElement[] metas = [.. document.GetElementsByTagName("meta")];
        JsonLdArticle ld = ReadJsonLd(document);
        string? canonicalHref = document.QueryFirst("link[rel~=canonical]")?.GetAttribute("href") ?? Meta(metas, "og:url");
        Uri? canonical = canonicalHref is not null && Uri.TryCreate(pageUrl, canonicalHref.Trim(), out Uri? c) && c.Scheme is "http" or "https" ? c : null;

        string?[] dates =
        [
            Meta(metas, "article:published_time"),
            ld.DatePublished,
            document.QueryFirst("[itemprop=datePublished]")?.GetAttribute("content"),
            document.QueryFirst("[itemprop=datePublished]")?.GetAttribute("datetime"),
            Meta(metas, "pubdate"),
            Meta(metas, "publishdate"),
            Meta(metas, "date"),
            Meta(metas, "dc.date.issued"),
        ];
        DateTimeOffset? published = null;
        bool dateOnly = false;
        foreach (string? date in dates)
        {
            if ((UsTimestamp(date) ?? PublicationDateParser.ParseValue(date)) is { } parsed)
            {
                published = parsed;
                dateOnly = date!.Trim().Length <= 10;
                break;
            }
        }

        string? publisher = Clean(Meta(metas, "og:site_name")) ?? Clean(ld.Publisher) ?? Clean(Meta(metas, "application-name"));
        var authors = ImmutableArray.CreateBuilder<string>();
        foreach (string author in ld.Authors)
        {
            AddAuthor(authors, author, publisher);
        }

        if (authors.Count == 0)
        {
            AddAuthor(authors, Meta(metas, "author"), publisher);
            AddAuthor(authors, Meta(metas, "article:author"), publisher);
        }

        var tags = document.QueryAll("meta[property='article:tag']")
            .Select(m => Clean(m.GetAttribute("content")))
            .OfType<string>()
            .ToImmutableArray();

        string? type = Meta(metas, "og:type");
        return new PageMetadata(
            Title: Clean(Meta(metas, "og:title")) ?? Clean(ld.Headline) ?? Clean(Meta(metas, "twitter:title")),
            HeadTitle: Clean(document.Title),
            Description: Clean(Meta(metas, "og:description")) ?? Clean(Meta(metas, "description")),
            Canonical: canonical,
            PublishedAt: published,
            PublishedDateOnly: dateOnly,
            Authors: authors.ToImmutable(),
            Publisher: publisher,
            Image: Meta(metas, "og:image"),
            Tags: tags,
            IsArticle: ld.Found || string.Equals(type, "article", StringComparison.OrdinalIgnoreCase) || published is not null)
        {
            Alternates = EditionLinks.Read(document, pageUrl, canonical),
        };
    }

    private static void AddAuthor(ImmutableArray<string>.Builder authors, string? author, string? publisher)
    {
        string? name = Clean(author);
        if (name is null || name.Length > 80 || name.StartsWith("http", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, publisher, StringComparison.OrdinalIgnoreCase) || authors.Contains(name))
        {
            return;
        }

        authors.Add(name);
    }

    private static string? Meta(IElement[] metas, string name)
    {
        foreach (IElement meta in metas)
        {
            string? key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (key is not null && string.Equals(key.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                string? content = meta.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(content))
                {
                    return content;
                }
            }
        }

        return null;
    }

    // ASP.NET sites write the server's en-US default into meta tags ("1/8/2026 10:02:01 AM"): month first, which
    // the day-first Vietnamese reading would turn into 1 August. The AM/PM marker says which it is.
    private static DateTimeOffset? UsTimestamp(string? value)
    {
        Match match = value is null ? Match.Empty : UsDateTime().Match(value.Trim());
        if (!match.Success)
        {
            return null;
        }

        int Number(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        int month = Number("month"), day = Number("day"), year = Number("year"), hour = Number("hour") % 12;
        hour += match.Groups["pm"].Value.Equals("PM", StringComparison.OrdinalIgnoreCase) ? 12 : 0;
        int second = match.Groups["second"].Success ? Number("second") : 0;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && Number("minute") < 60 && second < 60
            ? new DateTimeOffset(year, month, day, hour, Number("minute"), second, Core.Dates.DateParser.VietnamOffset)
            : null;
    }

    private static string? Clean(string? text)
    {
        string normalized = TextNormalizer.Normalize(text);
        return normalized.Length == 0 ? null : normalized;
    }

    private static JsonLdArticle ReadJsonLd(IDocument document)
    {
        var result = new JsonLdArticle();
        foreach (IElement script in document.QueryAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Visit(json.RootElement, result, 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the page's other metadata still counts.
            }
        }

        return result;
    }

    private static void Visit(JsonElement element, JsonLdArticle result, int depth)
    {
        if (depth > 6 || result.Found)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Visit(item, result, depth + 1);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("@graph", out JsonElement graph))
        {
            Visit(graph, result, depth + 1);
            return;
        }

        if (!element.TryGetProperty("@type", out JsonElement type) || !IsArticleType(type))
        {
            return;
        }

        result.Found = true;
        result.Headline = String(element, "headline") ?? String(element, "name");
        result.DatePublished = String(element, "datePublished");
        if (element.TryGetProperty("author", out JsonElement author))
        {
            foreach (JsonElement a in author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToArray() : [author])
            {
                string? name = a.ValueKind == JsonValueKind.String ? a.GetString() : String(a, "name");
                if (!string.IsNullOrWhiteSpace(name))
                {
                    result.Authors.Add(name);
                }
            }
        }

        if (element.TryGetProperty("publisher", out JsonElement publisher))
        {
            result.Publisher = publisher.ValueKind == JsonValueKind.String ? publisher.GetString() : String(publisher, "name");
        }
    }

    private static bool IsArticleType(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => ArticleTypes.Contains(type.GetString(), StringComparer.OrdinalIgnoreCase),
        JsonValueKind.Array => type.EnumerateArray().Any(IsArticleType),
        _ => false,
    };

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private sealed class JsonLdArticle
    {
        public bool Found { get; set; }

        public string? Headline { get; set; }

        public string? DatePublished { get; set; }

        public List<string> Authors { get; } = [];

        public string? Publisher { get; set; }
    }

    [GeneratedRegex(@"^(?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{4})\s+(?<hour>1[0-2]|0?[1-9]):(?<minute>\d{2})(?::(?<second>\d{2}))?\s*(?<pm>AM|PM)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UsDateTime();
}
