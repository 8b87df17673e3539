namespace ArticlePipeline.Translation.Client;

/// <summary>Whether the texts sent for translation are plain text or HTML.</summary>
public enum TextType
{
    /// <summary>Plain text (the service default).</summary>
    Plain,

    /// <summary>HTML: markup is kept and the content of <c>class="notranslate"</c> elements is left as is.</summary>
    Html,
}
