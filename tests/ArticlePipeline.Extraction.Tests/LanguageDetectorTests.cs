using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class LanguageDetectorTests
{
    [TestCase("Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.", "vi")]
    [TestCase("Відділ пропаганди та масової мобілізації обласного партійного комітету продовжує тісну координацію з Вітчизняним фронтом.", "uk")]
    [TestCase("Сегодня днем, 18 февраля, заместитель секретаря провинциального комитета партии провел рабочее заседание.", "ru")]
    [TestCase("Conferința își propune să îmbunătățească calificările, abilitățile și metodele de lucru ale cadrelor locale.", "ro")]
    [TestCase("ในระยะหลังนี้ คณะกรรมการพรรคและหน่วยงานทุกระดับในมณฑลได้มุ่งเน้นการนำและกำกับดูแลการดำเนินงานระดมมวลชน", "th")]
    [TestCase("The provincial party committee held a conference on propaganda and mass mobilisation work on Monday.", "en")]
    public void Detect_RealisticSentence_IsItsLanguage(string text, string language)
    {
        Assert.That(LanguageDetector.Detect(text), Is.EqualTo(language));
    }

    [Test]
    public void Detect_VietnameseWithoutHookedLetters_IsStillVietnamese()
    {
        // Only tone marks from the Latin Extended Additional block, no ơ ư đ.
        Assert.That(LanguageDetector.Detect("Hội nghị tổ chức tại tỉnh An Giang vào sáng nay với nhiều đại biểu."), Is.EqualTo("vi"));
    }

    [Test]
    public void Detect_RussianWithoutDistinctiveLetters_IsRussianNotUkrainian()
    {
        Assert.That(LanguageDetector.Detect("Конференция прошла в провинции"), Is.EqualTo("ru"));
    }

    [TestCase("")]
    [TestCase("2025 - 06 / 23 ... 123")]
    public void Detect_NoLetters_IsNull(string text)
    {
        Assert.That(LanguageDetector.Detect(text), Is.Null);
    }
}
