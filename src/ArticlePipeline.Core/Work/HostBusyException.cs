namespace ArticlePipeline.Core.Work;

/// <summary>
/// A request to a host other than the one held was not sent: another worker held that host for longer than
/// <see cref="HostWorkLoopOptions.ForeignHostWait"/>. Not the URL's fault; it is asked again on a later pass.
/// </summary>
public sealed class HostBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HostBusyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was not asked, and why.</param>
    public HostBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What was not asked, and why.</param>
    /// <param name="innerException">The cause.</param>
    public HostBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
