namespace ArticlePipeline.Core.Model;

/// <summary>The state of one language of a record.</summary>
public enum TranslationStatus
{
    /// <summary>The article was published in this language.</summary>
    Original,

    /// <summary>Translated from the original: by the publisher, a mirror or the machine (see <see cref="LanguageVersion.Origin"/>).</summary>
    Translated,

    /// <summary>Not yet translated; a later <c>translate --pending</c> run fills it.</summary>
    Pending,

    /// <summary>Translation was attempted and failed for a reason retrying will not fix.</summary>
    Failed,
}
