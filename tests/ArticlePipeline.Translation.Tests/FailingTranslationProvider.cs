using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Translation.Tests;

/// <summary>A hand-written provider named <c>fake</c> that prefixes like the loopback server and fails on one call of
/// <see cref="TranslateManyAsync"/>.</summary>
internal sealed class FailingTranslationProvider(int failOnCall) : ITranslationProvider
{
    public int Calls { get; private set; }

    public string Name => "fake";

    public Task<TranslationResult> TranslateAsync(
        LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default)
    {
        var languages = targetLanguages.ToImmutableDictionary(
            t => t,
            t => new LanguageContent(source.Title, source.Lead, [.. source.Blocks.Select(b => b with { Text = $"[{t}] {b.Text}" })]));
        return Task.FromResult(new TranslationResult(languages, [], 0));
    }

    public async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs, CancellationToken cancellationToken = default)
    {
        if (++Calls == failOnCall)
        {
            throw new TranslationFailedException("translator quota exceeded (403001)");
        }

        var results = new List<TranslationResult>();
        foreach (TranslationJob job in jobs)
        {
            results.Add(await TranslateAsync(job.Source, job.SourceLanguage, job.TargetLanguages, cancellationToken));
        }

        return results;
    }
}
