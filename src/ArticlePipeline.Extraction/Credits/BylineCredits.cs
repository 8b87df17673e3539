using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Html;

namespace ArticlePipeline.Extraction.Credits;

/// <summary>
/// Sorts bylines that were stored as authors (records of schema version 1) into people and credits with the rules
/// extraction applies to a page: labelled lines (<c>Theo TTXVN</c>, <c>Ảnh: ...</c>, <c>Nguồn: ...</c>), outlet-shaped
/// names, and the site's own name dropped.
/// </summary>
public static class BylineCredits
{
    /// <summary>Splits <paramref name="bylines"/> into authors and credits.</summary>
    /// <param name="bylines">The names as a v1 record lists them in <c>authors</c>.</param>
    /// <param name="pageUrl">The article's URL (its host is the site's own name).</param>
    /// <param name="siteNames">The site's other names: its publisher, the source's name.</param>
    /// <returns>The people, and everything else as credits.</returns>
    public static (ImmutableArray<string> Authors, ImmutableArray<Credit> Credits) Separate(
        IEnumerable<string> bylines, Uri? pageUrl, IEnumerable<string?> siteNames)
    {
        ArgumentNullException.ThrowIfNull(bylines);
        ArgumentNullException.ThrowIfNull(siteNames);
        var assembler = new ArticleAssembler(BoilerplateClassifier.Default);
        foreach (string byline in bylines)
        {
            assembler.AddByline(byline);
        }

        (List<string> authors, List<Credit> credits) = CreditNames.Separate(
            assembler.Authors, assembler.Credits, pageUrl, siteNames, BoilerplateLexicon.Default);
        return ([.. authors], [.. credits]);
    }

    /// <summary>The photographer a caption credits (<c>Minh Đức</c> for <c>... Ảnh: Minh Đức</c>), if it names one.</summary>
    /// <param name="caption">An image caption.</param>
    /// <returns>The name, or <see langword="null"/>.</returns>
    public static string? PhotoCreditOf(string? caption) => Captions.PhotoCreditOf(caption);
}
