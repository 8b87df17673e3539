using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Translates by tagging each text with the target language, or fails as the test asks.</summary>
internal sealed class FakeTranslationProvider : ITranslationProvider
{
    public string Name => "fake";

    public Exception? Failure { get; set; }

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public static string Tagged(string language, string text) => $"[{language}] {text}";

    public Task<TranslationResult> TranslateAsync(LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default)
    {
        Calls.Add([.. targetLanguages]);
        if (Failure is not null)
        {
            throw Failure;
        }

        ImmutableDictionary<string, LanguageContent> languages = targetLanguages.ToImmutableDictionary(
            l => l,
            l => new LanguageContent(
                Tagged(l, source.Title),
                source.Lead is null ? null : Tagged(l, source.Lead),
                [.. source.Blocks.Select(b => b with { Text = Tagged(l, b.Text) })]));
        long billed = (source.Title.Length + (source.Lead?.Length ?? 0) + source.Blocks.Sum(b => b.Text.Length)) * (long)targetLanguages.Count;
        return Task.FromResult(new TranslationResult(languages, ["request-1"], billed));
    }
}
