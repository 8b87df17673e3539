namespace ArticlePipeline.OperatorConsole.Html;

/// <summary>The frame of every console page: head, navigation, main. No script and no inline style anywhere.</summary>
internal static class ConsoleLayout
{
    /// <summary>The pages in the navigation, by path and label.</summary>
    private static readonly (string Path, string Label)[] Navigation =
    [
        (ConsolePaths.Sources, "Sources"),
        (ConsolePaths.Translation, "Translation"),
        (ConsolePaths.Records, "Records"),
    ];

    /// <summary>Writes the page around <paramref name="body"/>.</summary>
    /// <param name="title">The page title (encoded like any text).</param>
    /// <param name="current">The navigation path to mark as current.</param>
    /// <param name="body">Writes the main content.</param>
    /// <returns>The document.</returns>
    public static string Page(string title, string current, Action<HtmlWriter> body)
    {
        var html = new HtmlWriter();
        html.Open("!DOCTYPE html").Open("html", ("lang", "en")).Open("head")
            .Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Element("title", title + " · ArticlePipeline console")
            .Void("link", ("rel", "stylesheet"), ("href", ConsolePaths.Stylesheet))
            .Void("link", ("rel", "icon"), ("href", ConsolePaths.Icon), ("type", "image/svg+xml"))
            .Close("head")
            .Open("body")
            .Open("header").Open("nav", ("aria-label", "console"))
            .Element("span", "ArticlePipeline", ("class", "brand"));
        foreach ((string path, string label) in Navigation)
        {
            html.Element("a", label, ("href", path), ("aria-current", path == current ? "page" : null));
        }

        html.Close("nav").Close("header").Open("main");
        html.Element("h1", title);
        body(html);
        html.Close("main").Close("body").Close("html");
        return html.ToString();
    }
}
