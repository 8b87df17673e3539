namespace ArticlePipeline.Core.Sources;

/// <summary>The sources file is missing, does not parse, or names something invalid.</summary>
public sealed class SourceCatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceCatalogException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public SourceCatalogException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The parse error.</param>
    public SourceCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
