namespace ArticlePipeline.Cli.Composition;

/// <summary>Bad usage or configuration: the command prints the message on one line and exits with 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
