namespace ArticlePipeline.Extraction.Html;

/// <summary>The heuristics one <see cref="ContentAttempt"/> applies; later attempts drop them one by one.</summary>
[Flags]
internal enum ContentHeuristics
{
    /// <summary>Plain scoring.</summary>
    None = 0,

    /// <summary>Remove boxes whose class, id or role says boilerplate before scoring.</summary>
    StripUnlikely = 1,

    /// <summary>Class names and ids add or take away score.</summary>
    WeightClasses = 2,

    /// <summary>Clean link-heavy, image-heavy and form-like boxes out of the chosen container.</summary>
    CleanConditionally = 4,
}
