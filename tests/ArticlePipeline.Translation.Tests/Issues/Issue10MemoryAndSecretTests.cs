using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Translation.Batching;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>
/// Issue 10, items 11 and 13, at the provider: the memory keeps every answered request even when a later one of the
/// same batch fails, and an answer holding a configured secret is refused, never stored.
/// </summary>
[TestFixture]
public sealed class Issue10MemoryAndSecretTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    [Test]
    public async Task TranslateAsync_LaterRequestOfTheBatchFails_EarlierRequestsAreAlreadyInTheMemory()
    {
        // Requests of at most 4,000 characters over 4 languages; the service accepts 6,000 a minute, so the second fails.
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { CharactersPerMinute = 6_000 });
        var memory = new InMemoryTranslationMemory();
        var azure = new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint, maxRetries: 0), new TranslationLimits(1_000, 4_000, 4_000));
        var provider = new MemoizingTranslationProvider(azure, memory);
        LanguageContent source = Articles.CreatePlain(30, blockLength: 100);

        Assert.ThrowsAsync<TranslationFailedException>(() => provider.TranslateAsync(source, "vi", Targets));

        LoopbackTranslatorRequest answered = server.Requests[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(2), "one answered, one refused with 429");
            Assert.That(server.Requests[1].StatusCode, Is.EqualTo(429));
            Assert.That(memory.Entries, Has.Count.EqualTo(answered.Texts.Count * Targets.Length), "every text of the answered request, in every language");
        }
    }

    [Test]
    public async Task TranslateAsync_ServiceEchoesItsHeaders_EveryLanguageRefusedAndNothingStored()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { EchoRequestHeaders = true });
        var memory = new InMemoryTranslationMemory();
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), memory);

        TranslationResult result = await provider.TranslateAsync(Articles.CreatePlain(3), "vi", Targets);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(result.Languages, Is.Empty);
            Assert.That(result.Refused!.Keys, Is.EquivalentTo(Targets));
            Assert.That(result.Refused.Values, Has.All.Contain("Translator:Key").And.All.Not.Contain(TestTranslator.Key));
            Assert.That(memory.Entries, Is.Empty);
        }
    }

    [Test]
    public async Task TranslateAsync_OneLanguageHoldsTheDatabasePassword_OnlyThatLanguageIsRefusedAndKeptOutOfTheMemory()
    {
        const string Password = "db-password-3c9e1f";
        var memory = new InMemoryTranslationMemory();
        var screen = new SecretScreen([new("State:ConnectionString password", Password)]);
        var provider = new MemoizingTranslationProvider(new LeakingProvider("ru", Password.ToUpperInvariant()), memory, null, screen);

        TranslationResult result = await provider.TranslateAsync(Articles.CreatePlain(3), "vi", Targets);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Languages.Keys, Is.EquivalentTo(new[] { "uk", "ro", "th" }));
            Assert.That(result.Refused!.Keys, Is.EqualTo(new[] { "ru" }));
            Assert.That(result.Refused["ru"], Does.Contain("State:ConnectionString password").And.Not.Contain(Password));
            Assert.That(memory.Entries.Values, Has.None.Contain(Password.ToUpperInvariant()));
            Assert.That(memory.Entries, Has.Count.EqualTo((5 * 4) - 1), "every other segment is kept, clean ones of ru included");
        }
    }

    /// <summary>Prefixes every text with its language, and slips <paramref name="secret"/> into one language's last block.</summary>
    private sealed class LeakingProvider(string language, string secret) : ITranslationProvider
    {
        public string Name => "leaky";

        public Task<TranslationResult> TranslateAsync(
            LanguageContent source, string sourceLanguage, IReadOnlyList<string> targetLanguages, CancellationToken cancellationToken = default)
        {
            var languages = targetLanguages.ToImmutableDictionary(
                t => t,
                t => new LanguageContent(
                    source.Title,
                    source.Lead,
                    [.. source.Blocks.Select((b, i) => b with { Text = $"[{t}] {b.Text}" + (t == language && i == source.Blocks.Length - 1 ? " " + secret : string.Empty) })]));
            return Task.FromResult(new TranslationResult(languages, [], 0));
        }
    }
}
