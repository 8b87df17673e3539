using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>A record with languages still to translate.</summary>
/// <param name="RecordPath">The record file's full path.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Languages">The pending languages.</param>
/// <param name="Reason">Why they are pending.</param>
/// <param name="Since">When they became pending.</param>
public sealed record PendingTranslation(
    string RecordPath,
    string RecordId,
    ImmutableArray<string> Languages,
    string Reason,
    DateTimeOffset Since);
