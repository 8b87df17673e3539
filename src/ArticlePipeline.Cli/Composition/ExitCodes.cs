namespace ArticlePipeline.Cli.Composition;

/// <summary>The process exit codes, as documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>Some articles failed; the others were written.</summary>
    public const int SomeFailed = 1;

    /// <summary>Bad usage or configuration; nothing was done.</summary>
    public const int Usage = 2;
}
