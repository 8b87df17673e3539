namespace ArticlePipeline.OperatorConsole;

/// <summary>The console's URLs; every page lives under <see cref="Root"/>.</summary>
public static class ConsolePaths
{
    /// <summary>The console's root.</summary>
    public const string Root = "/console";

    /// <summary>Sources: last run, next fire time, failures, parked URLs.</summary>
    public const string Sources = Root + "/sources";

    /// <summary>Translation: pending languages, characters billed and saved.</summary>
    public const string Translation = Root + "/translation";

    /// <summary>Records, searchable and paginated.</summary>
    public const string Records = Root + "/records";

    /// <summary>The one stylesheet (so that <c>style-src 'self'</c> suffices).</summary>
    public const string Stylesheet = Root + "/console.css";

    /// <summary>The icon (so that the browser does not ask for <c>/favicon.ico</c> outside the console).</summary>
    public const string Icon = Root + "/favicon.svg";

    /// <summary>The page of one record.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="recordId">The record id.</param>
    /// <returns>The path, its segments escaped.</returns>
    public static string Article(string sourceId, string recordId) =>
        Records + "/" + Uri.EscapeDataString(sourceId) + "/" + Uri.EscapeDataString(recordId);
}
