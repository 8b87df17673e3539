using System.Text.RegularExpressions;
using ArticlePipeline.Testing;
using ArticlePipeline.Translation.Checks;

namespace ArticlePipeline.Translation.Tests.Checks;

[TestFixture]
public sealed class AnswerChecksTests
{
    private const string Source = "Năng suất lúa vụ đông xuân năm nay đạt khá, người dân rất phấn khởi.";

    [TestCase("uk", "Урожайність рису цього сезону досить висока, люди дуже задоволені.")]
    [TestCase("ru", "Урожайность риса в этом сезоне довольно высокая, люди очень довольны.")]
    [TestCase("ro", "Productivitatea orezului în acest sezon este destul de bună, oamenii sunt foarte mulțumiți.")]
    [TestCase("th", "ผลผลิตข้าวในฤดูกาลนี้ค่อนข้างดี ประชาชนพอใจมาก")]
    [TestCase("en", "Rice yields this season are fairly good and people are very pleased.")]
    public void Check_PlausibleTranslation_Passes(string target, string answer)
    {
        Assert.That(AnswerChecks.Check(Source, answer, target, []), Is.Null);
    }

    [TestCase("uk", "Rice yields this season are fairly good and people are very pleased.", "wrong script")]
    [TestCase("uk", "Урожайность риса в этом сезоне довольно высокая, люди очень довольны.", "not a letter of Ukrainian")]
    [TestCase("ru", "Урожайність рису цього сезону досить висока, люди дуже задоволені.", "not a letter of Russian")]
    [TestCase("th", "Productivitatea orezului în acest sezon este destul de bună, oamenii.", "wrong script")]
    [TestCase("ro", "Năng suất lúa vụ đông xuân năm nay đạt khá, người dân rất vui mừng.", "diacritics Romanian does not use")]
    [TestCase("uk", "Мінь Дык", "not a letter of Ukrainian")]
    [TestCase("ro", Source, "untranslated")]
    [TestCase("uk", "Урожайність рису", "truncated")]
    [TestCase("uk", "Урожайність рису цього сезону досить висока, люди дуже задоволені", "truncated")]
    [TestCase("ru", "", "empty answer")]
    public void Check_BadAnswer_FailsWithItsReason(string target, string answer, string reason)
    {
        Assert.That(AnswerChecks.Check(Source, answer, target, []), Does.Contain(reason));
    }

    [Test]
    public void Check_ProtectedSpanMissing_Fails_AndSpansDoNotCountForTheScript()
    {
        const string source = "Xem chi tiết tại https://baoangiang.com.vn/tin-5.html về năng suất 6,5 tấn/ha.";
        string[] spans = ["https://baoangiang.com.vn/tin-5.html", "6,5"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(AnswerChecks.Check(source, "Подробиці на https://baoangiang.com.vn/tin-5.html про врожайність 6,5 т/га.", "uk", spans), Is.Null);
            Assert.That(AnswerChecks.Check(source, "Подробиці на сайті про врожайність 6,5 т/га.", "uk", spans), Does.Contain("protected span not restored"));
            Assert.That(AnswerChecks.Check(source, "Подробиці на https://baoangiang.com.vn/tin-5.html про врожайність 6.5 т/га.", "uk", spans), Does.Contain("\"6,5\""));
        }
    }

    [Test]
    public void Check_ShortNameOnlySegment_MayComeBackUnchanged()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(AnswerChecks.Check("Minh Đức", "Minh Đức", "ro", []), Is.Null);
            Assert.That(AnswerChecks.Check("Ảnh: Minh Đức", "Фото: Minh Đức", "uk", []), Is.Null);
        }
    }

    [TestCase("000_a1ece3388c4bd5ee.txt", "uk")]
    [TestCase("001_305e83b08c0d6472.txt", "ru")]
    [TestCase("002_a829ea03d8721707.txt", "ru")]
    [TestCase("003_29de984f68a8bab6.txt", "ro")]
    [TestCase("004_e31c8a03b7b2d335.txt", "th")]
    public void ScriptProblem_PublishersOwnEditions_EveryParagraphPasses(string file, string language)
    {
        string path = SharedData.Require("seeds", file);
        string[] paragraphs = [.. File.ReadAllLines(path)
            .Select(line => Regex.Replace(line, @"https?://\S+", " "))
            .Where(line => line.Count(char.IsLetter) >= 40)

            // The aggregator's own Vietnamese page chrome is not part of the edition.
            .Where(line => !line.Contains("Việt Nam", StringComparison.Ordinal))];

        Assert.That(paragraphs, Is.Not.Empty);
        Assert.That(paragraphs.Select(p => AnswerChecks.ScriptProblem(p, language)), Has.All.Null);
    }
}
