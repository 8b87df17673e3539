using System.Collections.Concurrent;

namespace ArticlePipeline.Translation.Glossary;

/// <summary>
/// Reads the configured glossary file once: the host's start-up check and the provider built after it share what
/// was read (or the one-line reason it cannot be used) instead of parsing the file twice.
/// </summary>
internal sealed class GlossaryLoader
{
    private readonly ConcurrentDictionary<string, (TermGlossary? Glossary, string? Problem)> _loaded = new(StringComparer.Ordinal);

    /// <summary>The configured glossary, none when no file is set, or the one-line reason the file cannot be used.</summary>
    /// <param name="options">The <c>Translator</c> options.</param>
    /// <returns>The glossary or the problem.</returns>
    public (TermGlossary? Glossary, string? Problem) Load(TranslatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.GlossaryFile) ? (null, null) : _loaded.GetOrAdd(options.GlossaryFile.Trim(), Read);
    }

    private static (TermGlossary? Glossary, string? Problem) Read(string path)
    {
        try
        {
            return (TermGlossary.Load(path), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{TranslatorOptions.SectionName}:GlossaryFile: {ex.Message}");
        }
    }
}
