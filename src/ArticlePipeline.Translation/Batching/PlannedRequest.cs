using System.Collections.Immutable;
using ArticlePipeline.Translation.Client;

namespace ArticlePipeline.Translation.Batching;

/// <summary>One Translator request: its text type and its elements in order.</summary>
/// <param name="TextType">Plain or HTML; one request never mixes them.</param>
/// <param name="Elements">The elements, already in wire form (HTML-escaped and protected for <see cref="TextType.Html"/>).</param>
internal sealed record PlannedRequest(TextType TextType, ImmutableArray<TextPiece> Elements);
