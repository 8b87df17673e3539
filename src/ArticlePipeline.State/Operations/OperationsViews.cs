using System.Collections.Immutable;

namespace ArticlePipeline.State.Operations;

/// <summary>Parked URLs: how many there are and the most recent ones.</summary>
/// <param name="Total">All parked URLs.</param>
/// <param name="Pages">The most recently parked.</param>
public sealed record ParkedPages(long Total, IReadOnlyList<ParkedPage> Pages);

/// <summary>A URL parked after too many consecutive failures.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Reason">The last failure's reason.</param>
/// <param name="Failures">Consecutive failures.</param>
/// <param name="UpdatedAt">When it was parked.</param>
public sealed record ParkedPage(string Url, string? Reason, int Failures, DateTimeOffset UpdatedAt);

/// <summary>Records with <paramref name="Language"/> pending for <paramref name="Reason"/>.</summary>
/// <param name="Reason">Why the language is pending.</param>
/// <param name="Language">The language.</param>
/// <param name="Records">Records it is pending in.</param>
public sealed record PendingLanguageCount(string Reason, string Language, long Records);

/// <summary>Characters billed by the translator and saved by the memory.</summary>
/// <param name="BilledToday">Billed on the UTC day asked about.</param>
/// <param name="BilledThisMonth">Billed in its month.</param>
/// <param name="SavedToday">Saved by the memory that day.</param>
/// <param name="SavedThisMonth">Saved in its month.</param>
public sealed record TranslationUsage(long BilledToday, long BilledThisMonth, long SavedToday, long SavedThisMonth);

/// <summary>A search of the record catalog.</summary>
/// <param name="Text">Matched in titles and URLs (part of), or a source id (whole); <see langword="null"/> for all.</param>
/// <param name="SourceId">Only this source; <see langword="null"/> for all.</param>
/// <param name="Offset">Entries skipped.</param>
/// <param name="Limit">Entries returned at most.</param>
public sealed record RecordQuery(string? Text, string? SourceId, int Offset, int Limit);

/// <summary>One page of the record catalog.</summary>
/// <param name="Total">Entries matching the query.</param>
/// <param name="Items">The page.</param>
public sealed record RecordListPage(long Total, IReadOnlyList<CatalogedRecord> Items);

/// <summary>A record's catalog entry: its latest revision.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="Title">The title in the source language.</param>
/// <param name="SourceLanguage">The source language.</param>
/// <param name="Revision">The latest revision.</param>
/// <param name="WrittenAt">When it was written.</param>
/// <param name="Languages">Status per language.</param>
public sealed record CatalogedRecord(
    string SourceId,
    string RecordId,
    string Url,
    string Title,
    string SourceLanguage,
    int Revision,
    DateTimeOffset WrittenAt,
    ImmutableSortedDictionary<string, string> Languages);

/// <summary>The work queue.</summary>
/// <param name="Queued">Items waiting for a worker (never leased, or their lease expired).</param>
/// <param name="Workers">What each worker holds, by worker name.</param>
public sealed record WorkQueueView(long Queued, IReadOnlyList<WorkerClaim> Workers);

/// <summary>What one worker holds.</summary>
/// <param name="Owner">The worker's name.</param>
/// <param name="Items">Work items it holds a live lease on.</param>
/// <param name="Hosts">The hosts of those items.</param>
/// <param name="LeaseExpiresAt">When its latest lease expires unless renewed.</param>
public sealed record WorkerClaim(string Owner, int Items, ImmutableArray<string> Hosts, DateTimeOffset LeaseExpiresAt);
