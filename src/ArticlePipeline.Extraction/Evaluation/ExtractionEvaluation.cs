using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>
/// Runs the production extractor over saved corpora and scores it: a gold file with its pages folder (the vi-news
/// layout), and Mozilla Readability's test pages (a folder per page with <c>source.html</c> and <c>expected.html</c>).
/// </summary>
public static partial class ExtractionEvaluation
{
    /// <summary>The URL the Readability test pages were saved under; their expected output links to it.</summary>
    private static readonly Uri ReadabilityPageUrl = new("http://fakehost/test/page.html");

    /// <summary>Extracts and scores every page of a gold file.</summary>
    /// <param name="gold">The gold pages.</param>
    /// <param name="pagesDirectory">The folder holding the pages the gold file names.</param>
    /// <param name="profileForHost">
    /// The site profile for a host name (<c>www.</c> already removed), or <see langword="null"/> to use the generic extractor only.
    /// The host comes from the file name (<c>host__hash.html</c>), else from the page's canonical URL.
    /// </param>
    /// <returns>One score per gold page, in gold order; a missing page fails every check.</returns>
    public static IReadOnlyList<PageScore> ScoreGold(IEnumerable<GoldPage> gold, string pagesDirectory, Func<string, ExtractionProfile?>? profileForHost)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(pagesDirectory);
        var extractor = new ArticleExtractor();
        var normalizer = new ArticleNormalizer();
        var scores = new List<PageScore>();
        foreach (GoldPage page in gold)
        {
            string path = Path.Combine(pagesDirectory, page.File);
            if (!File.Exists(path))
            {
                scores.Add(GoldMatcher.Score(page, null, "missing-file"));
                continue;
            }

            byte[] body = File.ReadAllBytes(path);
            string? host = HostOf(page.File, body);
            Uri url = host is null ? new Uri(Path.GetFullPath(path)) : new Uri($"https://{host}/{Uri.EscapeDataString(page.File)}");
            ExtractionProfile? profile = host is null ? null : profileForHost?.Invoke(host);
            ExtractionOutcome outcome = extractor.Extract(new PageContent(url, body, ContentTypeOf(path)), profile);
            ExtractedArticle? article = outcome.Article is null ? null : normalizer.Normalize(outcome.Article);
            scores.Add(GoldMatcher.Score(page, article, outcome.Reason));
        }

        return scores;
    }

    /// <summary>Extracts every Readability test page with the generic extractor and scores its body text.</summary>
    /// <param name="directory">The test-pages folder: one folder per page holding <c>source.html</c> and <c>expected.html</c>.</param>
    /// <returns>The page names (folder names, ordinal order) with their scores.</returns>
    public static IReadOnlyList<(string Page, ShingleScore Score)> ScoreReadability(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var extractor = new ArticleExtractor();
        var normalizer = new ArticleNormalizer();
        var scores = new List<(string, ShingleScore)>();
        foreach (string folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            string source = Path.Combine(folder, "source.html");
            string expected = Path.Combine(folder, "expected.html");
            if (!File.Exists(source) || !File.Exists(expected))
            {
                continue;
            }

            ExtractionOutcome outcome = extractor.Extract(new PageContent(ReadabilityPageUrl, File.ReadAllBytes(source), "text/html"));
            string predicted = outcome.Article is null ? string.Empty : BodyText(normalizer.Normalize(outcome.Article));
            scores.Add((Path.GetFileName(folder), ShingleScorer.Score(HtmlText.Of(File.ReadAllText(expected)), predicted)));
        }

        return scores;
    }

    /// <summary>
    /// Extracts every page of the trafilatura evaluation set (<c>evaldata.json</c> beside <c>pages/NAME.gz</c>) with
    /// the generic extractor and counts the gold strings its body text holds.
    /// </summary>
    /// <param name="directory">The set's folder.</param>
    /// <returns>One score per gold entry whose page is in the folder, in gold order.</returns>
    /// <exception cref="FormatException"><c>evaldata.json</c> is not the set's gold.</exception>
    public static IReadOnlyList<TrafilaturaScore> ScoreTrafilatura(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var extractor = new ArticleExtractor();
        var normalizer = new ArticleNormalizer();
        var scores = new List<TrafilaturaScore>();
        foreach (TrafilaturaGold gold in TrafilaturaGold.Parse(File.ReadAllText(Path.Combine(directory, "evaldata.json"))))
        {
            string path = Path.Combine(directory, "pages", gold.File + ".gz");
            if (!File.Exists(path) || !Uri.TryCreate(gold.Url, UriKind.Absolute, out Uri? url))
            {
                continue;
            }

            ExtractionOutcome outcome = extractor.Extract(new PageContent(url, Gunzip(path), "text/html"));
            string? text = outcome.Article is null ? null : MainText(normalizer.Normalize(outcome.Article));
            scores.Add(TrafilaturaMatcher.Score(gold, text, outcome.Reason));
        }

        return scores;
    }

    /// <summary>The body text of an article as the benchmark compares it: the lead and every block, one per line.</summary>
    /// <param name="article">An extracted article.</param>
    /// <returns>The text; the title is not part of it.</returns>
    public static string BodyText(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(article.Lead))
        {
            text.Append(article.Lead).Append('\n');
        }

        foreach (ContentBlock block in article.Blocks)
        {
            text.Append(block.Text).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The main text as the trafilatura set's gold defines it: the lead and the body without figure captions (its
    /// gold lists captions among the strings that must not appear; our records keep them as their own block kind).
    /// </summary>
    /// <param name="article">An extracted article.</param>
    /// <returns>The text, one block per line; the title is not part of it.</returns>
    public static string MainText(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return BodyText(article with { Blocks = [.. article.Blocks.Where(b => b.Kind != BlockKind.FigureCaption)] });
    }

    /// <summary>The host a saved page came from: the <c>host__</c> prefix of its file name, else its canonical URL.</summary>
    /// <param name="fileName">The file name.</param>
    /// <param name="body">The page's bytes.</param>
    /// <returns>The host without <c>www.</c>, or <see langword="null"/> when neither names one.</returns>
    public static string? HostOf(string fileName, ReadOnlySpan<byte> body)
    {
        string name = Path.GetFileName(fileName);
        int separator = name.IndexOf("__", StringComparison.Ordinal);
        string? host = separator > 0 ? name[..separator] : null;
        if (host is null || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            string head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 65536)]);
            Match canonical = CanonicalLink().Match(head);
            host = canonical.Success && Uri.TryCreate(canonical.Groups["url"].Value, UriKind.Absolute, out Uri? url) ? url.Host : null;
        }

        if (host is null)
        {
            return null;
        }

        host = host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static byte[] Gunzip(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static string ContentTypeOf(string path) =>
        Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase) ? "text/plain" : "text/html";

    [GeneratedRegex(@"<link[^>]+rel=[""']?canonical[""']?[^>]*href=[""'](?<url>[^""']+)|<meta[^>]+property=[""']og:url[""'][^>]*content=[""'](?<url>[^""']+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalLink();
}
