using System.Collections.Immutable;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

[TestFixture]
public sealed class AzureTranslationProviderTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key);

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_SixtyBlockArticle_OneRequestForAllLanguagesAligned()
    {
        // One sentence per block: with the markup of its protected numbers and URLs the article still fits one request.
        LanguageContent source = Articles.Create(60, blockLength: 80);
        Assume.That(Articles.WireCharacters(source) * Targets.Length, Is.LessThanOrEqualTo(50_000));

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.QueryValues("to"), Is.EqualTo(Targets));
            Assert.That(request.Texts, Has.Count.EqualTo(62), "title, lead and 60 blocks, one element each");
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.WireCharacters(source) * 4), "source plus protection markup");
            Assert.That(result.RequestIds, Has.Length.EqualTo(1));
            Assert.That(result.Languages.Keys, Is.EquivalentTo(Targets));
        });
        AssertAligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_ArticleAbove12500Characters_SplitsIntoSeveralRequestsAligned()
    {
        LanguageContent source = Articles.Create(120, blockLength: 220);
        Assume.That(Articles.Characters(source), Is.GreaterThan(12_500 * 2));

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        IReadOnlyList<LoopbackTranslatorRequest> requests = _server.Requests;
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(requests.Select(r => r.StatusCode), Is.All.EqualTo(200));
            Assert.That(requests.Select(r => r.Texts.Sum(t => t.Length) * 4), Is.All.LessThanOrEqualTo(50_000));
            Assert.That(requests.Sum(r => r.Texts.Count), Is.EqualTo(122), "no block split, none merged");
            Assert.That(result.RequestIds, Has.Length.EqualTo(requests.Count).And.Unique);
            Assert.That(result.BilledCharacters, Is.EqualTo(Articles.WireCharacters(source) * 4));
        });
        AssertAligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_SixtyThousandCharacterBlock_IsSplitAtSentencesAndRejoined()
    {
        string huge = Articles.PlainText(60_000);
        LanguageContent source = new("Tiêu đề", null, [new ContentBlock(BlockKind.Paragraph, "Đoạn mở đầu."), new ContentBlock(BlockKind.Quote, huge)]);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        IReadOnlyList<LoopbackTranslatorRequest> requests = _server.Requests;
        string[] pieces = [.. requests.SelectMany(r => r.Texts).Where(t => t.Length > 100)];
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.GreaterThanOrEqualTo(5), "60,000 × 4 characters need at least 5 requests of 50,000");
            Assert.That(pieces, Has.Length.GreaterThanOrEqualTo(5));
            Assert.That(pieces, Has.All.Length.LessThanOrEqualTo(12_500));
            Assert.That(pieces, Has.All.Matches<string>(p => p.EndsWith('.') || p.EndsWith('!') || p.EndsWith('?')), "cut at sentence ends");
            Assert.That(string.Join(' ', pieces), Is.EqualTo(huge), "pieces cover the block exactly");
        });
        foreach (string language in Targets)
        {
            ContentBlock translated = result.Languages[language].Blocks[1];
            Assert.Multiple(() =>
            {
                Assert.That(translated.Kind, Is.EqualTo(BlockKind.Quote));
                Assert.That(translated.Text, Is.EqualTo(string.Join(' ', pieces.Select(p => TranslationAssert.Expected(p, language)))));
            });
        }

        Assert.That(result.BilledCharacters, Is.EqualTo((pieces.Sum(p => p.Length) + "Tiêu đề".Length + "Đoạn mở đầu.".Length) * 4L));
    }

    [Test]
    public async Task TranslateAsync_EmptyLeadAndBlankBlock_AreNotSentAndStayAligned()
    {
        LanguageContent source = new("Tiêu đề", "", [
            new ContentBlock(BlockKind.Paragraph, "Một."),
            new ContentBlock(BlockKind.Paragraph, "   "),
            new ContentBlock(BlockKind.ListItem, "Hai."),
        ]);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", ["uk", "th"]);

        Assert.That(_server.Requests.Single().Texts, Is.EqualTo(new[] { "Tiêu đề", "Một.", "Hai." }));
        LanguageContent uk = result.Languages["uk"];
        Assert.Multiple(() =>
        {
            Assert.That(uk.Title, Is.EqualTo("[ук] Тіеу де"));
            Assert.That(uk.Lead, Is.EqualTo(string.Empty));
            Assert.That(uk.Blocks.Select(b => (b.Kind, b.Text)), Is.EqualTo(new[]
            {
                (BlockKind.Paragraph, "[ук] Мот."), (BlockKind.Paragraph, "   "), (BlockKind.ListItem, "[ук] Хаі."),
            }));
        });
    }

    [Test]
    public async Task TranslateAsync_NullLead_StaysNull()
    {
        LanguageContent source = Articles.Create(3, lead: null);

        TranslationResult result = await Provider().TranslateAsync(source, "vi", ["ro"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Languages["ro"].Lead, Is.Null);
            Assert.That(_server.Requests.Single().Texts, Has.Count.EqualTo(4));
        });
        AssertAligned(source, result, ["ro"]);
    }

    [Test]
    public async Task TranslateAsync_MoreThanAThousandShortBlocks_RespectsTheElementLimit()
    {
        LanguageContent source = Articles.Create(1_500, blockLength: 1) with
        {
            Blocks = [.. Enumerable.Range(0, 1_500).Select(i => new ContentBlock(BlockKind.ListItem, "mục " + i))],
        };

        TranslationResult result = await Provider().TranslateAsync(source, "vi", Targets);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.Texts.Count), Is.EqualTo(new[] { 1_000, 502 }));
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200));
        });
        AssertAligned(source, result, Targets);
    }

    [Test]
    public async Task TranslateAsync_NoTargetLanguages_ReturnsEmptyWithoutARequest()
    {
        TranslationResult result = await Provider().TranslateAsync(Articles.Create(2), "vi", []);

        Assert.Multiple(() =>
        {
            Assert.That(result.Languages, Is.Empty);
            Assert.That(result.BilledCharacters, Is.Zero);
            Assert.That(_server.Requests, Is.Empty);
        });
    }

    [Test]
    public void TranslateAsync_WrongKey_ReportsKeyRejectedWithoutRetry()
    {
        const string wrongKey = "wrong-key-d41d8cd98f00b204e980";
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(_server.Endpoint, key: wrongKey));

        TranslationFailedException ex = Assert.ThrowsAsync<TranslationFailedException>(
            () => provider.TranslateAsync(Articles.Create(2), "vi", Targets))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("translator key rejected (401000): "));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.Message, Does.Not.Contain(wrongKey));
            Assert.That(ex.ToString(), Does.Not.Contain(wrongKey), "nor anywhere in the exception chain");
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void TranslateAsync_QuotaExceeded_ReportsQuotaNotTransient()
    {
        _server.FailNext(1, 403, TranslatorErrorCodes.QuotaExceeded);

        TranslationFailedException ex = Assert.ThrowsAsync<TranslationFailedException>(
            () => Provider().TranslateAsync(Articles.Create(2), "vi", Targets))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("translator quota exceeded (403001)"));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [TestCase(429, 429001, "translator throttled (429001)")]
    [TestCase(503, 503000, "translator unavailable (503000)")]
    public void TranslateAsync_FailingAfterRetries_IsTransient(int status, int code, string expected)
    {
        _server.FailNext(10, status, code);
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(_server.Endpoint, maxRetries: 2));

        TranslationFailedException ex = Assert.ThrowsAsync<TranslationFailedException>(
            () => provider.TranslateAsync(Articles.Create(2), "vi", Targets))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith(expected));
            Assert.That(ex.IsTransient, Is.True);
            Assert.That(_server.Requests, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task TranslateAsync_ServerUnreachable_IsTransient()
    {
        Uri endpoint = _server.Endpoint;
        await _server.DisposeAsync();
        _server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var provider = new AzureTranslationProvider(TestTranslator.CreateClient(endpoint, maxRetries: 1));

        TranslationFailedException ex = Assert.ThrowsAsync<TranslationFailedException>(
            () => provider.TranslateAsync(Articles.Create(2), "vi", Targets))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("translator unreachable"));
            Assert.That(ex.IsTransient, Is.True);
        });
    }

    [Test]
    public void TranslateAsync_Cancelled_ThrowsOperationCanceledNotTranslationFailed()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.That(
            async () => await Provider().TranslateAsync(Articles.Create(2), "vi", Targets, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Name_IsAzure()
    {
        Assert.That(Provider().Name, Is.EqualTo("azure"));
    }

    private AzureTranslationProvider Provider() => new(TestTranslator.CreateClient(_server.Endpoint));

    private static void AssertAligned(LanguageContent source, TranslationResult result, IReadOnlyList<string> targets)
    {
        foreach (string language in targets)
        {
            LanguageContent translated = result.Languages[language];
            Assert.Multiple(() =>
            {
                Assert.That(translated.Title, Is.EqualTo(TranslationAssert.Expected(source.Title, language)), language);
                Assert.That(translated.Lead, Is.EqualTo(source.Lead is null ? null : TranslationAssert.Expected(source.Lead, language)), language);
                Assert.That(translated.Blocks, Has.Length.EqualTo(source.Blocks.Length), language);
                Assert.That(translated.Blocks.Select(b => b.Kind), Is.EqualTo(source.Blocks.Select(b => b.Kind)), language);
                Assert.That(translated.Blocks.Select(b => b.Text), Is.EqualTo(source.Blocks.Select(b => TranslationAssert.Expected(b.Text, language))), language);
            });
        }
    }
}
