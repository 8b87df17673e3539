using System.Collections.Concurrent;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary><c>QuerySelector</c> and <c>QuerySelectorAll</c> with the extractor's own selectors parsed once.</summary>
/// <remarks>
/// AngleSharp's string overloads look the selector up in a cache under a lock on every call, and the extractor asks
/// per element (each box it judges, each tag box): that lookup cost about a twentieth of extraction CPU. These take
/// the same selectors (never a profile's, whose syntax errors AngleSharp reports) and match exactly as those do.
/// </remarks>
internal static class Query
{
    private static readonly ConcurrentDictionary<string, ISelector> Parsed = new(StringComparer.Ordinal);

    /// <summary>The elements under <paramref name="node"/> that match <paramref name="selectors"/>, in document order.</summary>
    public static IHtmlCollection<IElement> QueryAll(this INode node, string selectors) =>
        node.ChildNodes.QuerySelectorAll(Selector(selectors));

    /// <summary>The first element under <paramref name="node"/> that matches <paramref name="selectors"/>, if any.</summary>
    public static IElement? QueryFirst(this INode node, string selectors) =>
        node.ChildNodes.QuerySelector(Selector(selectors));

    private static ISelector Selector(string selectors) =>
        Parsed.GetOrAdd(selectors, static s => new CssSelectorParser().ParseSelector(s) ?? throw new ArgumentException($"invalid selector: {s}", nameof(selectors)));
}
