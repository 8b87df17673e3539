using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Translation.Glossary;

/// <summary>
/// Source terms (official bodies, provinces, names) and their rendering in each target language: a term found in a source
/// text travels in a protected span and comes back as the target's rendering, exactly.
/// </summary>
/// <remarks>
/// <para>File format (<c>config/glossary.json</c>): <c>{"terms":[{"source":"Tỉnh ủy An Giang","renderings":{"uk":{"text":"...",
/// "reference":"..."}}}]}</c>. Every rendering needs a non-blank <c>reference</c> saying where it was checked.</para>
/// <para>Matching: the source text and the terms in Unicode form C, case ignored, whole words only (no letter or digit on
/// either side), the longest term first where two overlap. A term is protected in requests where at least one target
/// language has a rendering for it; a language without one gets the machine's translation of the term alone.</para>
/// </remarks>
public sealed class TermGlossary
{
    private readonly ImmutableArray<(string Source, ImmutableDictionary<string, string> Renderings)> _terms;
    private readonly Regex? _pattern;
    private readonly Dictionary<string, int> _index;

    private TermGlossary(IEnumerable<(string Source, ImmutableDictionary<string, string> Renderings)> terms)
    {
        _terms = [.. terms.OrderByDescending(static t => t.Source.Length)];
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _terms.Length; i++)
        {
            _index[_terms[i].Source] = i;
        }

        _pattern = _terms.IsEmpty
            ? null
            : new Regex(
                @"(?<![\p{L}\p{N}])(?:" + string.Join('|', _terms.Select(static t => Regex.Escape(t.Source))) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
    }

    /// <summary>A glossary without terms.</summary>
    public static TermGlossary Empty { get; } = new([]);

    /// <summary>The number of terms.</summary>
    public int Count => _terms.Length;

    /// <summary>Reads and validates a glossary file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The glossary.</returns>
    /// <exception cref="InvalidDataException">The file is not valid JSON or breaks a rule; the message is one line naming the
    /// file and the problem.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TermGlossary Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses and validates glossary JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The glossary.</returns>
    /// <exception cref="InvalidDataException">A rule is broken.</exception>
    public static TermGlossary Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("not valid JSON: " + ex.Message.Split('\n')[0], ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("terms", out JsonElement terms)
                || terms.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("expected an object with a \"terms\" array");
            }

            var parsed = new List<(string, ImmutableDictionary<string, string>)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int n = 0;
            foreach (JsonElement term in terms.EnumerateArray())
            {
                n++;
                string source = Text(term, "source")?.Normalize(NormalizationForm.FormC).Trim()
                    ?? throw new InvalidDataException($"term {n}: \"source\" is missing or blank");
                if (!seen.Add(source))
                {
                    throw new InvalidDataException($"term {n}: \"{source}\" is listed twice");
                }

                if (!term.TryGetProperty("renderings", out JsonElement renderings) || renderings.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"term {n} (\"{source}\"): \"renderings\" must be an object by language code");
                }

                var byLanguage = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (JsonProperty rendering in renderings.EnumerateObject())
                {
                    if (rendering.Name.Length == 0 || !rendering.Name.All(static c => char.IsAsciiLetter(c) || c == '-'))
                    {
                        throw new InvalidDataException($"term {n} (\"{source}\"): \"{rendering.Name}\" is not a language code");
                    }

                    string text = Text(rendering.Value, "text")
                        ?? throw new InvalidDataException($"term {n} (\"{source}\"), {rendering.Name}: \"text\" is missing or blank");
                    _ = Text(rendering.Value, "reference")
                        ?? throw new InvalidDataException($"term {n} (\"{source}\"), {rendering.Name}: \"reference\" is missing or blank");
                    byLanguage[rendering.Name] = text.Normalize(NormalizationForm.FormC).Trim();
                }

                parsed.Add((source, byLanguage.ToImmutable()));
            }

            return new TermGlossary(parsed);
        }
    }

    /// <summary>The terms of <paramref name="text"/> that have a rendering in at least one of <paramref name="targets"/>, in
    /// order, not overlapping.</summary>
    /// <param name="text">A source text in form C.</param>
    /// <param name="targets">The target languages of the request.</param>
    /// <returns>Start and end (exclusive) of each term.</returns>
    public IReadOnlyList<(int Start, int End)> Find(string text, IReadOnlyCollection<string> targets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(targets);
        if (_pattern is null)
        {
            return [];
        }

        var found = new List<(int Start, int End)>();
        foreach (Match match in _pattern.Matches(text))
        {
            if (_index.TryGetValue(match.Value, out int i) && targets.Any(t => _terms[i].Renderings.ContainsKey(t)))
            {
                found.Add((match.Index, match.Index + match.Length));
            }
        }

        return found;
    }

    /// <summary>The rendering of the source term <paramref name="term"/> (as found in a text) in <paramref name="target"/>.</summary>
    /// <param name="term">The term as it appears in the source.</param>
    /// <param name="target">The target language.</param>
    /// <returns>The rendering, or <see langword="null"/> when the term or its rendering is unknown.</returns>
    public string? Rendering(string term, string target) =>
        _index.TryGetValue(term, out int i) && _terms[i].Renderings.TryGetValue(target, out string? text) ? text : null;

    /// <summary>The term as the glossary spells it, for a term as found in a text (case may differ).</summary>
    /// <param name="term">The term as found.</param>
    /// <returns>The glossary's spelling, or <see langword="null"/> when it is not a term.</returns>
    public string? Canonical(string term) => _index.TryGetValue(term, out int i) ? _terms[i].Source : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
