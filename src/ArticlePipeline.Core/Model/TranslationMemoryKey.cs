namespace ArticlePipeline.Core.Model;

/// <summary>The key of a translation memory entry.</summary>
/// <param name="SegmentHash">Hash of the normalized source segment (<c>sha256:</c> hex).</param>
/// <param name="From">Source language.</param>
/// <param name="To">Target language.</param>
/// <param name="Provider">Translation provider, e.g. <c>azure</c>.</param>
public readonly record struct TranslationMemoryKey(string SegmentHash, string From, string To, string Provider);
