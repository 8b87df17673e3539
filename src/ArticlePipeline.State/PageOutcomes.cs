using ArticlePipeline.Core.Model;

namespace ArticlePipeline.State;

/// <summary>Reads a page outcome back from its typed columns.</summary>
internal static class PageOutcomes
{
    /// <summary>The outcome stored as <paramref name="kind"/>, <paramref name="reason"/> and <paramref name="other"/>.</summary>
    public static PageOutcome Read(string kind, string? reason, string? other) =>
        new(PageOutcome.ParseKind(kind), reason, other is null ? null : new Uri(other, UriKind.Absolute));
}
