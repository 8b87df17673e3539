namespace ArticlePipeline.Core.Pipeline;

/// <summary>Whether a trailing slash tells two URLs apart.</summary>
public enum TrailingSlashPolicy
{
    /// <summary><c>/a/</c> and <c>/a</c> are different URLs (the form records are written with).</summary>
    Keep,

    /// <summary><c>/a/</c> and <c>/a</c> are the same page: the slash is removed (except from the root path).</summary>
    Strip,
}
