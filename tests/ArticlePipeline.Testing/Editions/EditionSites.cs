using ArticlePipeline.Testing.NewsSite;

namespace ArticlePipeline.Testing.Editions;

/// <summary>
/// Issue 17's loopback sites: a provincial publisher with a Vietnamese article and its own Russian edition linked by
/// hreflang, a second article whose Russian alternate is a different story (a decoy), and a mirror serving Ukrainian,
/// Romanian and Thai translations of the first article whose source lines name the original.
/// </summary>
/// <remarks>
/// Publisher: <see cref="Original"/> and <see cref="DecoyOriginal"/> (vi), <see cref="RussianEdition"/> and
/// <see cref="Decoy"/> under <c>/ru/</c>, a feed at <c>/rss.xml</c> listing the two Vietnamese articles only, and a
/// home page announcing it (also at <c>/ru/</c>). Mirror: <see cref="MirrorPages"/> under <c>/uk/</c>, <c>/ro/</c> and <c>/th/</c>, each
/// naming its siblings by hreflang, a feed listing them and a home page. The texts are in <see cref="EditionStories"/>.
/// </remarks>
public sealed class EditionSites
{
    /// <summary>The original's path on the publisher; its Russian edition is the same path under <c>/ru</c>.</summary>
    public const string OriginalPath = "/thoi-su/hau-giang-92-5-ho-so-thu-tuc-hanh-chinh-duoc-giai-quyet-truc-tuyen-a23061.html";

    /// <summary>The second original's path on the publisher.</summary>
    public const string DecoyOriginalPath = "/thoi-su/khoi-cong-cau-cai-con-2-tong-von-486-ty-dong-a23048.html";

    /// <summary>The decoy's path: a Russian page of the publisher about another story.</summary>
    public const string DecoyPath = "/ru/obshchestvo/v-khauzyange-proshel-tretiy-festival-ananasov-kaudang-a18542.html";

    /// <summary>The name of the paper, as the mirror's date line prints it.</summary>
    public const string Paper = "Báo Sông Hậu";

    private const string MirrorSlug = "hau-giang-92-5-ho-so-thu-tuc-hanh-chinh-duoc-giai-quyet-truc-tuyen";

    private EditionSites(LoopbackNewsSite publisher, LoopbackNewsSite mirror)
    {
        Original = publisher.Url(OriginalPath);
        RussianEdition = publisher.Url("/ru" + OriginalPath);
        DecoyOriginal = publisher.Url(DecoyOriginalPath);
        Decoy = publisher.Url(DecoyPath);
        MirrorPages = EditionStories.Mirrored.Keys.ToDictionary(l => l, l => mirror.Url($"/{l}/{MirrorSlug}-{MirrorId(l)}.html"), StringComparer.Ordinal);
        PublisherFeed = publisher.Url("/rss.xml");
        MirrorFeed = mirror.Url("/rss.xml");
    }

    /// <summary>The author of the original, the only true one: no edition's byline replaces it.</summary>
    public static string OriginalAuthor => EditionStories.Original.Byline;

    /// <summary>The original's headline.</summary>
    public static string OriginalTitle => EditionStories.Original.Title;

    /// <summary>The publisher's Russian edition's headline.</summary>
    public static string RussianTitle => EditionStories.Russian.Title;

    /// <summary>The mirror pages' headlines, by language (<c>uk</c>, <c>ro</c>, <c>th</c>).</summary>
    public static IReadOnlyDictionary<string, string> MirrorTitles { get; } =
        EditionStories.Mirrored.ToDictionary(p => p.Key, p => p.Value.Title, StringComparer.Ordinal);

    /// <summary>A sentence of each edition of the original that no other page carries, by language (vi, ru, uk, ro, th).</summary>
    public static IReadOnlyDictionary<string, string> DistinctiveSentences { get; } =
        new[] { EditionStories.Original, EditionStories.Russian }.Concat(EditionStories.Mirrored.Values)
            .ToDictionary(s => s.Language, s => s.Distinctive, StringComparer.Ordinal);

    /// <summary>The Vietnamese original, whose Russian alternate is <see cref="RussianEdition"/>.</summary>
    public Uri Original { get; }

    /// <summary>The publisher's own Russian edition of <see cref="Original"/> (<c>/ru/</c> + the original's path).</summary>
    public Uri RussianEdition { get; }

    /// <summary>The second Vietnamese article, whose Russian alternate wrongly links <see cref="Decoy"/>.</summary>
    public Uri DecoyOriginal { get; }

    /// <summary>A Russian page of the publisher that is not a translation of <see cref="DecoyOriginal"/>.</summary>
    public Uri Decoy { get; }

    /// <summary>The mirror's translations of <see cref="Original"/>, by language: <c>uk</c>, <c>ro</c>, <c>th</c>.</summary>
    public IReadOnlyDictionary<string, Uri> MirrorPages { get; }

    /// <summary>The publisher's RSS feed: the two Vietnamese articles, not the Russian pages.</summary>
    public Uri PublisherFeed { get; }

    /// <summary>The mirror's RSS feed: its three translations.</summary>
    public Uri MirrorFeed { get; }

    /// <summary>
    /// Publishes the pages, feeds and home pages on two started sites (the mirror's source lines name the publisher's
    /// real URL, so the sites must be listening already).
    /// </summary>
    /// <param name="publisher">The publisher's site.</param>
    /// <param name="mirror">The mirror's site.</param>
    /// <returns>The URLs of what was published.</returns>
    public static EditionSites Publish(LoopbackNewsSite publisher, LoopbackNewsSite mirror)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(mirror);
        var sites = new EditionSites(publisher, mirror);
        Uri home = publisher.Url("/");
        Uri russianHome = publisher.Url("/ru/");

        Set(publisher, sites.Original, EditionPages.Publisher(EditionStories.Original, PublisherChrome.Vietnamese, sites.Original, Alternate("ru", sites.RussianEdition), home));
        Set(publisher, sites.RussianEdition, EditionPages.Publisher(EditionStories.Russian, PublisherChrome.Russian, sites.RussianEdition, Alternate("vi", sites.Original), russianHome));
        Set(publisher, sites.DecoyOriginal, EditionPages.Publisher(EditionStories.DecoyOriginal, PublisherChrome.Vietnamese, sites.DecoyOriginal, Alternate("ru", sites.Decoy), home));

        // The decoy page knows nothing of the article that links it: its own Vietnamese alternate is another page.
        Uri decoyVietnamese = publisher.Url("/van-hoa/khai-mac-le-hoi-khom-cau-duong-lan-thu-iii-a18540.html");
        Set(publisher, sites.Decoy, EditionPages.Publisher(EditionStories.Decoy, PublisherChrome.Russian, sites.Decoy, Alternate("vi", decoyVietnamese), russianHome));

        foreach ((string language, Uri url) in sites.MirrorPages)
        {
            var siblings = sites.MirrorPages.Where(p => p.Key != language).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            Set(mirror, url, EditionPages.Mirror(EditionStories.Mirrored[language], url, siblings, sites.Original, Paper, mirror.Url("/")));
        }

        publisher.Set("/ru/", SiteResponse.Html(SiteContent.Home(sites.PublisherFeed)));
        Feed(publisher, [(sites.Original, EditionStories.Original.Published), (sites.DecoyOriginal, EditionStories.DecoyOriginal.Published)]);
        Feed(mirror, sites.MirrorPages.Select(p => (p.Value, EditionStories.Mirrored[p.Key].Published)));
        return sites;
    }

    private static Dictionary<string, Uri> Alternate(string language, Uri url) => new(StringComparer.Ordinal) { [language] = url };

    private static void Set(LoopbackNewsSite site, Uri url, string html) => site.Set(url.AbsolutePath, SiteResponse.Html(html));

    private static void Feed(LoopbackNewsSite site, IEnumerable<(Uri Url, DateTimeOffset Published)> items)
    {
        site.Set("/rss.xml", SiteResponse.Xml(SiteContent.Rss(items)) with { ContentType = "application/rss+xml" });
        site.Set("/", SiteResponse.Html(SiteContent.Home(site.Url("/rss.xml"))));
    }

    // The mirror numbers each translation on its own.
    private static string MirrorId(string language) => language switch
    {
        "uk" => "a1871204",
        "ro" => "a1871219",
        _ => "a1871233",
    };
}
