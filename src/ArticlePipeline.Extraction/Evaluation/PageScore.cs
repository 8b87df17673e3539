using System.Collections.Immutable;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>How one extracted page compares with its gold page. A <see langword="null"/> check was not scored.</summary>
/// <param name="File">The page's file name.</param>
/// <param name="Extractor">Which extractor produced the record (<c>profile</c>, <c>generic</c>), or the reason there is none.</param>
/// <param name="Profile">The profile's name, when a profile produced it.</param>
/// <param name="Title">The title is the gold title; <see langword="null"/> when the gold has none.</param>
/// <param name="Lead">The lead starts with the gold lead; <see langword="null"/> when the gold has no lead.</param>
/// <param name="First">The lead matched (or was not scored) and the first body paragraph starts with the gold text.</param>
/// <param name="Last">The last body paragraph starts with the gold text.</param>
/// <param name="Author">An author matches the gold author; <see langword="null"/> when the gold has none.</param>
/// <param name="Date">The publication time is the gold time to the minute; <see langword="null"/> when the gold has none.</param>
/// <param name="LeakedJunk">The gold junk texts found in the title, lead or body.</param>
public sealed record PageScore(
    string File,
    string Extractor,
    string? Profile,
    bool? Title,
    bool? Lead,
    bool First,
    bool Last,
    bool? Author,
    bool? Date,
    ImmutableArray<string> LeakedJunk)
{
    /// <summary>No junk leaked.</summary>
    public bool Clean => LeakedJunk.IsEmpty;
}
