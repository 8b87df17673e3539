using System.Text;

namespace ArticlePipeline.Core.Text;

/// <summary>
/// The legacy code pages (windows-1258 for Vietnamese, windows-1252, ...) that .NET only knows once
/// <see cref="CodePagesEncodingProvider"/> is registered. Registered at start-up by the command line and the worker,
/// and again by every decoder that may run first (a feed is read before any article page).
/// </summary>
public static class TextEncodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Registers the code-page provider once per process; later calls do nothing.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>The encoding named <paramref name="name"/> (a charset label), code pages included.</summary>
    /// <param name="name">A label such as <c>windows-1258</c> or <c>utf-8</c>.</param>
    /// <returns>The encoding, or <see langword="null"/> when the label is unknown.</returns>
    public static Encoding? Find(string? name)
    {
        EnsureRegistered();
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
