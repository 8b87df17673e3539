namespace ArticlePipeline.Translation.Protection;

/// <summary>Which text type a segment can travel as without changing its meaning or its cost.</summary>
internal enum SegmentKind
{
    /// <summary>Nothing to protect and nothing HTML would change: plain or HTML cost the same, so it joins its article's requests.</summary>
    Neutral,

    /// <summary>Nothing to protect, but HTML would cost or change something (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, line breaks,
    /// runs of spaces): it goes as plain text.</summary>
    PlainOnly,

    /// <summary>Contains URLs, e-mail addresses, numbers with units, names or glossary terms: it goes as HTML with <c>notranslate</c> spans.</summary>
    Protected,
}
