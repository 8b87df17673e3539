namespace ArticlePipeline.Crawling.Policy;

/// <summary>A connection was refused by the address policy (an internal address without permission).</summary>
public sealed class AddressRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AddressRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which host and address were refused.</param>
    public AddressRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which host and address were refused.</param>
    /// <param name="innerException">Unused.</param>
    public AddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
