using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ArticlePipeline.OperatorConsole.Html;

/// <summary>
/// Writes HTML where every piece of text and every attribute value goes through <see cref="HtmlEncoder"/>: titles,
/// URLs and reasons come from crawled pages and are hostile. Tag and attribute names are the only raw strings, and
/// they are constants of this project.
/// </summary>
internal sealed class HtmlWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly StringBuilder _html = new(16 * 1024);

    /// <summary>Opens <paramref name="tag"/> with attributes given as name/value pairs; a <see langword="null"/> value leaves the attribute out.</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach ((string name, string? value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _html.Append(' ').Append(name).Append("=\"");
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), value);
            _html.Append('"');
        }

        _html.Append('>');
        return this;
    }

    /// <summary>Closes <paramref name="tag"/>.</summary>
    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Writes <paramref name="text"/>, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), text);
        }

        return this;
    }

    /// <summary>Writes a number in invariant digits.</summary>
    public HtmlWriter Number(long value) => Text(value.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>Writes <c>&lt;tag&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A link inside the console (a path this project built), or a link out when <paramref name="href"/> is an http(s) URL.</summary>
    /// <remarks>Any other scheme (<c>javascript:</c>, <c>data:</c>) is written as plain text, never as a link.</remarks>
    public HtmlWriter Link(string href, string? text)
    {
        if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
        {
            return Element("a", text, ("href", href));
        }

        return IsWebUrl(href)
            ? Element("a", text, ("href", href), ("rel", "noreferrer noopener nofollow"))
            : Text(text);
    }

    /// <summary>Writes an empty element such as <c>&lt;input&gt;</c>.</summary>
    public HtmlWriter Void(string tag, params (string Name, string? Value)[] attributes) => Open(tag, attributes);

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL.</summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);

    /// <inheritdoc />
    public override string ToString() => _html.ToString();
}
