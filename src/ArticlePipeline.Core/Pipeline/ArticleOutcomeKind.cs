namespace ArticlePipeline.Core.Pipeline;

/// <summary>How processing one article ended.</summary>
public enum ArticleOutcomeKind
{
    /// <summary>A new record or a new revision was written.</summary>
    Written,

    /// <summary>The content was the same as on disk: nothing written.</summary>
    Unchanged,

    /// <summary>The server said 304: nothing fetched, nothing written.</summary>
    NotModified,

    /// <summary>The article could not be processed; <see cref="ArticleOutcome.Reason"/> says why.</summary>
    Failed,
}
