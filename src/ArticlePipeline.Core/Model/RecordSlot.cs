namespace ArticlePipeline.Core.Model;

/// <summary>Where one record lives and what is stored there now, read once for the write that follows.</summary>
/// <param name="Key">The record's key.</param>
/// <param name="Location">Where the sink keeps it (a file path for the JSON sink), for people to read.</param>
/// <param name="Existing">The stored record, or <see langword="null"/> when there is none (or none valid).</param>
/// <param name="Version">
/// The sink's mark of what it read (for the JSON sink, the file's length and time), by which a write sees that another
/// writer came in between; <see langword="null"/> when nothing was stored.
/// </param>
public sealed record RecordSlot(RecordKey Key, string Location, ArticleRecord? Existing, string? Version = null);
