using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Tests.Issues;

/// <summary>Issue 18, names: credits in captions and the article's own bylines are kept as written in every language.</summary>
[TestFixture]
public sealed class Issue18NameTests
{
    private static readonly string[] Targets = ["uk", "ru", "ro", "th"];

    [Test]
    public async Task TranslateAsync_CaptionCreditLine_NameIsNeverTranslatedTheLabelIs()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), new InMemoryTranslationMemory());
        var source = new LanguageContent(
            "Nông dân Tân Hậu thu hoạch lúa hè thu sớm",
            null,
            [
                new ContentBlock(BlockKind.Paragraph, "Vụ lúa hè thu năm nay được mùa, giá bán ổn định hơn mọi năm."),
                new ContentBlock(BlockKind.FigureCaption, "Nông dân xã Tân Hậu thu hoạch lúa hè thu. Ảnh: Minh Đức"),
            ]);

        TranslationResult result = await provider.TranslateAsync(source, "vi", Targets);

        Assert.That(server.Requests.Single().Texts, Has.Some.Contains("Ảnh: <span class=notranslate>Minh Đức</span>"));
        foreach (string language in Targets)
        {
            string caption = result.Languages[language].Blocks[1].Text;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(caption, Does.EndWith(": Minh Đức"), language);
                Assert.That(caption, Does.Not.Contain("Ảnh"), $"{language}: the label is translated");
            }
        }
    }

    [Test]
    public async Task TranslateManyAsync_AuthorNamedInTheBody_StaysAsWrittenInEveryLanguage()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(TestTranslator.Key);
        var provider = new MemoizingTranslationProvider(new AzureTranslationProvider(TestTranslator.CreateClient(server.Endpoint)), new InMemoryTranslationMemory());
        var source = new LanguageContent(
            "Người dân phấn khởi đón mùa lúa mới",
            null,
            [new ContentBlock(BlockKind.Paragraph, "Theo ghi nhận của phóng viên Trung Tín, người dân trong xã rất phấn khởi khi lúa được giá.")]);

        IReadOnlyList<TranslationResult> results = await provider.TranslateManyAsync(
            [new TranslationJob(source, "vi", Targets, ["Theo Trung Tín (Báo An Giang)"])]);

        foreach (string language in Targets)
        {
            Assert.That(results[0].Languages[language].Blocks[0].Text, Does.Contain(" Trung Tín,").And.Not.Contain("phóng viên"), language);
        }
    }

    [TestCase("Lúa chín vàng đồng. Ảnh: Minh Đức", "Minh Đức")]
    [TestCase("Đoàn công tác thăm hỏi người dân (Ảnh: TTXVN)", "TTXVN")]
    [TestCase("Hội nghị tổng kết. Tin, ảnh: Thanh Phúc", "Thanh Phúc")]
    [TestCase("Mô hình trồng lúa hữu cơ. ẢNH: NGUYỄN HÙNG", "NGUYỄN HÙNG")]
    public void FindProtected_CreditLine_ProtectsTheNameOnly(string text, string name)
    {
        Assert.That(TextProtector.FindProtected(text).Select(s => text[s.Start..s.End]), Is.EqualTo(new[] { name }));
    }

    [TestCase("Bức ảnh được chụp vào sáng nay.")]
    [TestCase("Ảnh hưởng của bão số 3 rất lớn.")]
    public void FindProtected_WordAnhWithoutCredit_ProtectsNothing(string text)
    {
        Assert.That(TextProtector.FindProtected(text), Is.Empty);
    }
}
