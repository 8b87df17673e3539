namespace ArticlePipeline.Testing.Translator;

/// <summary>A wrong answer the <see cref="LoopbackTranslator"/> gives on demand (<see cref="LoopbackTranslator.AnswerBadly"/>),
/// each one a way a real service has been seen to fail.</summary>
public enum LoopbackBadAnswer
{
    /// <summary>The translation in the wrong script: plain Latin for <c>uk</c>, <c>ru</c> and <c>th</c>, Cyrillic for the
    /// others.</summary>
    WrongScript,

    /// <summary>The first quarter of the translation, cut at a space, without its final punctuation.</summary>
    Truncated,

    /// <summary>The source text sent back unchanged.</summary>
    Untranslated,

    /// <summary>The translation with every <c>notranslate</c> span removed, content and all.</summary>
    DroppedSpans,
}
