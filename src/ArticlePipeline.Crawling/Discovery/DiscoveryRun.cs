using System.Globalization;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>One source's discovery in progress: the bounded link set, the byte budget, the counts and the problems.</summary>
internal sealed class DiscoveryRun
{
    private readonly CrawlOptions _options;

    public DiscoveryRun(CrawlOptions options)
    {
        _options = options;
        Links = new NewestLinks(options.MaxDiscoveredPerSource);
    }

    /// <summary>Feed and sitemap links, the newest kept.</summary>
    public NewestLinks Links { get; }

    public List<string> Problems { get; } = [];

    /// <summary>Documents asked for (home page, feeds, sitemaps, listings).</summary>
    public int Attempted { get; set; }

    /// <summary>Documents fetched.</summary>
    public int Read { get; set; }

    /// <summary>Documents not fetched because the byte budget was spent.</summary>
    public int Unread { get; set; }

    /// <summary>Bytes read so far, after decompression.</summary>
    public long BytesRead { get; set; }

    public long BytesLeft => _options.MaxDiscoveryBytesPerSource - BytesRead;

    public bool BudgetSpent => BytesLeft <= 0;

    /// <summary>The result: feed and sitemap links newest first, then listing links in page order, within the cap.</summary>
    public DiscoveryResult Result(IEnumerable<Uri> listed)
    {
        List<Uri> urls = [.. Links.NewestFirst()];
        long cut = Links.Cut;
        var seen = new HashSet<Uri>(urls.Select(UrlCanonicalizer.Canonicalize));
        foreach (Uri url in listed)
        {
            if (!seen.Add(UrlCanonicalizer.Canonicalize(url)))
            {
                continue;
            }

            if (urls.Count >= Links.Capacity)
            {
                cut++;
                continue;
            }

            urls.Add(url);
        }

        if (cut > 0)
        {
            Problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"discovery kept the newest {urls.Count} links and cut {cut} older ones (Crawl:MaxDiscoveredPerSource {Links.Capacity})"));
        }

        if (Unread > 0)
        {
            Problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"discovery read {BytesRead} bytes, its budget (Crawl:MaxDiscoveryBytesPerSource {_options.MaxDiscoveryBytesPerSource}): {Unread} documents not read"));
        }

        // Nothing could be read at all (every document refused or failed): the source's discovery failed.
        return new DiscoveryResult([.. urls], [.. Problems])
        {
            Failed = Attempted > 0 && Read == 0,
            Modified = Links.Modified(),
        };
    }
}
