using ArticlePipeline.Core.Dates;

namespace ArticlePipeline.Extraction.Dates;

/// <summary>
/// How extraction reads publication dates: through the code base's one parser, <see cref="DateParser"/> (Vietnamese
/// day-before-month text, ISO 8601, RFC 1123; no zone means Vietnam time; results in +07:00).
/// </summary>
internal static class PublicationDateParser
{
    /// <summary>Parses a whole value holding one date: a meta tag, JSON-LD, <c>time[datetime]</c>.</summary>
    public static DateTimeOffset? ParseValue(string? text) => DateParser.ParseValue(text);

    /// <summary>Finds the publication date in free text (an update time only when the text has nothing else).</summary>
    public static DateTimeOffset? ParseText(string? text) => DateParser.ParseText(text);

    /// <summary>Finds the publication date in free text, saying whether it is only an update time.</summary>
    public static FoundDate? FindPublished(string? text) => DateParser.FindPublished(text);
}
