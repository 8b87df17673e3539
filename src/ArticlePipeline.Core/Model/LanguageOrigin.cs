namespace ArticlePipeline.Core.Model;

/// <summary>Who made the text of a translated language entry, in the order it is preferred.</summary>
public enum LanguageOrigin
{
    /// <summary>The publisher's own language edition of the article (a <c>/ru/</c> page, a <c>ru.</c> site).</summary>
    Publisher,

    /// <summary>A configured mirror's localized copy whose source line names the original (vietnam.vn-style).</summary>
    Mirror,

    /// <summary>The machine translator, or its translation memory.</summary>
    Machine,
}
