namespace ArticlePipeline.Core.Model;

/// <summary>What happened to a URL the last time it was handled.</summary>
public enum PageOutcomeKind
{
    /// <summary>Its record was written (created, updated or rewritten).</summary>
    Written,

    /// <summary>Fetched and extracted, and nothing had changed.</summary>
    Unchanged,

    /// <summary>The server answered 304 Not Modified.</summary>
    NotModified,

    /// <summary>It failed; <see cref="PageOutcome.Reason"/> says why.</summary>
    Failed,

    /// <summary>A syndicated copy of <see cref="PageOutcome.Other"/>, the original kept in the archive.</summary>
    Duplicate,

    /// <summary>Its canonical URL, <see cref="PageOutcome.Other"/>, was handled as the article.</summary>
    Seen,
}

/// <summary>
/// The last outcome of a URL, stored as typed columns: nothing reads it back by parsing text.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Reason">For <see cref="PageOutcomeKind.Failed"/>: the reason, e.g. <c>http-500</c>.</param>
/// <param name="Other">For <see cref="PageOutcomeKind.Duplicate"/> the original, for <see cref="PageOutcomeKind.Seen"/> the canonical URL.</param>
public sealed record PageOutcome(PageOutcomeKind Kind, string? Reason = null, Uri? Other = null)
{
    /// <summary>The record was written.</summary>
    public static PageOutcome Written { get; } = new(PageOutcomeKind.Written);

    /// <summary>Nothing had changed.</summary>
    public static PageOutcome Unchanged { get; } = new(PageOutcomeKind.Unchanged);

    /// <summary>The server answered 304.</summary>
    public static PageOutcome NotModified { get; } = new(PageOutcomeKind.NotModified);

    /// <summary>A failure for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason, e.g. <c>http-500</c>.</param>
    /// <returns>The outcome.</returns>
    public static PageOutcome Failure(string reason) => new(PageOutcomeKind.Failed, reason);

    /// <summary>A syndicated copy of <paramref name="original"/>.</summary>
    /// <param name="original">The original's URL.</param>
    /// <returns>The outcome.</returns>
    public static PageOutcome DuplicateOf(Uri original) => new(PageOutcomeKind.Duplicate, null, original);

    /// <summary>Handled as its canonical URL <paramref name="canonical"/>.</summary>
    /// <param name="canonical">The canonical URL.</param>
    /// <returns>The outcome.</returns>
    public static PageOutcome SeenAs(Uri canonical) => new(PageOutcomeKind.Seen, null, canonical);

    /// <summary>The kind as stored: <c>written</c>, <c>unchanged</c>, <c>not-modified</c>, <c>failed</c>, <c>duplicate</c>, <c>seen</c>.</summary>
    public string KindName => Name(Kind);

    /// <summary>The stored name of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string Name(PageOutcomeKind kind) => kind switch
    {
        PageOutcomeKind.NotModified => "not-modified",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind named <paramref name="name"/> as stored.</summary>
    /// <param name="name">The stored name.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="FormatException">No kind has that name.</exception>
    public static PageOutcomeKind ParseKind(string name) =>
        Enum.GetValues<PageOutcomeKind>().FirstOrDefault(k => Name(k) == name, (PageOutcomeKind)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new FormatException($"unknown page outcome '{name}'");

    /// <summary>The outcome as one line for people: <c>failed:http-500</c>, <c>duplicate:URL</c>, <c>written</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => Kind switch
    {
        PageOutcomeKind.Failed => $"failed:{Reason}",
        PageOutcomeKind.Duplicate or PageOutcomeKind.Seen => $"{KindName}:{Other?.AbsoluteUri}",
        _ => KindName,
    };
}
