using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

/// <summary>
/// Issue 14: a source whose language could not be told (und) is sent without <c>from</c>, and a target the service finds
/// the text already in gets the text as it is, instead of a failed language billed again on every run.
/// </summary>
[TestFixture]
public sealed class Issue14UndeterminedSourceTests
{
    private const string Paragraph = "Hoi nghi tong ket cong tac nam cua tinh duoc to chuc sang nay voi su tham du cua nhieu dai bieu.";

    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { DetectedLanguage = "vi" });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_UndeterminedSourceTheServiceFindsVietnamese_KeepsTheTextForViAndTranslatesTheOthers()
    {
        var source = new LanguageContent("Hoi nghi tong ket nam", null, [new ContentBlock(BlockKind.Paragraph, Paragraph)]);

        TranslationResult result = await new AzureTranslationProvider(TestTranslator.CreateClient(_server.Endpoint))
            .TranslateAsync(source, Languages.Undetermined, ["vi", "uk"]);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.QueryValues("from"), Is.Empty, "und is never sent as a language");
            Assert.That(result.Refused?.GetValueOrDefault("vi"), Is.Null, "the text already in vi is no failed translation");
            Assert.That(result.Languages["vi"].Blocks[0].Text, Is.EqualTo(Paragraph));
            Assert.That(result.Languages["uk"].Blocks[0].Text, Is.Not.EqualTo(Paragraph));
        }
    }
}
