namespace ArticlePipeline.Core.Abstractions;

/// <summary>A translation provider failed; the article is written with the missing languages pending.</summary>
public sealed class TranslationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TranslationFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, safe to log (never contains the key).</param>
    public TranslationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, safe to log (never contains the key).</param>
    /// <param name="innerException">The underlying failure.</param>
    public TranslationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether a later run may succeed (throttling, outage) as opposed to a rejected key or request.</summary>
    public bool IsTransient { get; init; }
}
