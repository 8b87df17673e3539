using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArticlePipeline.Extraction.Boilerplate;

/// <summary>The phrases that mark boilerplate, loaded from the embedded <c>lexicon.json</c> table.</summary>
internal sealed class BoilerplateLexicon
{
    private static readonly Lazy<BoilerplateLexicon> DefaultInstance = new(LoadEmbedded);

    /// <summary>A lexicon over <paramref name="data"/>: the embedded table, or a test's own.</summary>
    internal BoilerplateLexicon(LexiconData data)
    {
        CommentCounters = Keys(data.CommentCounters);
        EndOfArticle = Keys(data.EndOfArticle);
        AfterArticle = Keys(data.AfterArticle);
        JunkLines = Keys(data.JunkLines);
        JunkPatterns = data.JunkPatterns;
        BylinePrefixes = data.BylinePrefixes;
        AttributionPrefixes = data.AttributionPrefixes;
        SourcePrefixes = data.SourcePrefixes;
        PhotoPrefixes = data.PhotoPrefixes;
        TranslatorPrefixes = data.TranslatorPrefixes;
        OutletWords = data.OutletWords;
        Agencies = Keys(data.Agencies);
        StaffDesignations = Keys(data.StaffDesignations);
    }

    /// <summary>The lexicon shipped with the assembly.</summary>
    public static BoilerplateLexicon Default => DefaultInstance.Value;

    /// <summary>Labels of comment counters such as <c>Bình luận (0)</c>, as lookup keys.</summary>
    public FrozenSet<string> CommentCounters { get; }

    /// <summary>Headings after which only related-news lists follow, as lookup keys.</summary>
    public FrozenSet<string> EndOfArticle { get; }

    /// <summary>Headings that only ever follow the article (comments, about the author), as lookup keys.</summary>
    public FrozenSet<string> AfterArticle { get; }

    /// <summary>Whole lines that are never article text, as lookup keys.</summary>
    public FrozenSet<string> JunkLines { get; }

    /// <summary>Regular expressions of lines that are never article text.</summary>
    public IReadOnlyList<string> JunkPatterns { get; }

    /// <summary>Prefixes of bylines such as <c>Știri și fotografii:</c>.</summary>
    public IReadOnlyList<string> BylinePrefixes { get; }

    /// <summary>Prefixes of attributions such as <c>Theo TTXVN</c>.</summary>
    public IReadOnlyList<string> AttributionPrefixes { get; }

    /// <summary>Prefixes of source lines such as <c>Sursă: URL</c>.</summary>
    public IReadOnlyList<string> SourcePrefixes { get; }

    /// <summary>Labels of photo credits such as <c>Ảnh:</c>, <c>Фото:</c>.</summary>
    public IReadOnlyList<string> PhotoPrefixes { get; }

    /// <summary>Labels of translator lines such as <c>Dịch:</c>, <c>Переклад:</c>.</summary>
    public IReadOnlyList<string> TranslatorPrefixes { get; }

    /// <summary>Words that open an outlet's name (<c>Báo</c>, <c>Tạp chí</c>, <c>Газета</c>): a name starting with one is no person.</summary>
    public IReadOnlyList<string> OutletWords { get; }

    /// <summary>News agencies whose names are not shaped like one (<c>Reuters</c>, <c>Xinhua</c>), as lookup keys.</summary>
    public FrozenSet<string> Agencies { get; }

    /// <summary>Abbreviations that stand for the outlet's own staff (<c>PV</c>, reporter): a person, though shaped like an acronym.</summary>
    public FrozenSet<string> StaffDesignations { get; }

    /// <summary>The lookup key of a phrase: lower case, no trailing colon or spaces.</summary>
    public static string Key(string text) => FoldRomanian(text.Trim().TrimEnd(':', '：', ' ').Trim().ToLowerInvariant());

    /// <summary>Writes Romanian ş ţ (cedilla, common on the web) as ș ț (comma below), the lexicon's spelling.</summary>
    public static string FoldRomanian(string text) =>
        text.Replace('ş', 'ș').Replace('ţ', 'ț').Replace('Ş', 'Ș').Replace('Ţ', 'Ț');

    private static FrozenSet<string> Keys(IEnumerable<string> phrases) =>
        phrases.Select(Key).ToFrozenSet(StringComparer.Ordinal);

    private static BoilerplateLexicon LoadEmbedded()
    {
        Assembly assembly = typeof(BoilerplateLexicon).Assembly;
        using Stream stream = assembly.GetManifestResourceStream("ArticlePipeline.Extraction.lexicon.json")
            ?? throw new InvalidOperationException("embedded lexicon.json is missing");
        LexiconData data = JsonSerializer.Deserialize(stream, LexiconJsonContext.Default.LexiconData)
            ?? throw new InvalidOperationException("embedded lexicon.json is empty");
        return new BoilerplateLexicon(data);
    }

    internal sealed class LexiconData
    {
        public List<string> CommentCounters { get; set; } = [];

        public List<string> EndOfArticle { get; set; } = [];

        public List<string> AfterArticle { get; set; } = [];

        public List<string> JunkLines { get; set; } = [];

        public List<string> JunkPatterns { get; set; } = [];

        public List<string> BylinePrefixes { get; set; } = [];

        public List<string> AttributionPrefixes { get; set; } = [];

        public List<string> SourcePrefixes { get; set; } = [];

        public List<string> PhotoPrefixes { get; set; } = [];

        public List<string> TranslatorPrefixes { get; set; } = [];

        public List<string> OutletWords { get; set; } = [];

        public List<string> Agencies { get; set; } = [];

        public List<string> StaffDesignations { get; set; } = [];
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(BoilerplateLexicon.LexiconData))]
internal sealed partial class LexiconJsonContext : JsonSerializerContext;
