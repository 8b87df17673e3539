using System.Text;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class TextNormalizerTests
{
    [Test]
    public void Normalize_DecomposedVietnamese_IsComposed()
    {
        string decomposed = "Vie\u0302\u0323t Nam tho\u031B\u0300i su\u031B\u0323";

        string normalized = TextNormalizer.Normalize(decomposed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(normalized, Is.EqualTo("Việt Nam thời sự"));
            Assert.That(normalized, Has.Length.EqualTo(16));
            Assert.That(normalized.IsNormalized(NormalizationForm.FormC), Is.True);
        }
    }

    [Test]
    public void Normalize_ZeroWidthCharactersAndSoftHyphen_AreRemoved()
    {
        string text = "\uFEFFNông\u200B dân\u200C thu\u00ADhoạch\u200D lúa\u2060";

        Assert.That(TextNormalizer.Normalize(text), Is.EqualTo("Nông dân thuhoạch lúa"));
    }

    [Test]
    public void Normalize_ControlCharacters_AreRemoved()
    {
        Assert.That(TextNormalizer.Normalize("a\u0001b\u007Fc"), Is.EqualTo("abc"));
    }

    [TestCase("Tom &amp; Jerry", "Tom & Jerry")]
    [TestCase("Tân&nbsp;Hậu", "Tân Hậu")]
    [TestCase("a&nbsp;&nbsp;&nbsp;b", "a b")]
    [TestCase("&quot;Mỹ Lợi&quot; &lt;3", "\"Mỹ Lợi\" <3")]
    [TestCase("&#7879;", "ệ")]
    public void Normalize_HtmlEntities_AreDecoded(string text, string expected)
    {
        Assert.That(TextNormalizer.Normalize(text), Is.EqualTo(expected));
    }

    [TestCase("  Nông   dân \t thu\r\nhoạch  ", "Nông dân thu hoạch")]
    [TestCase("a\u00A0\u00A0b", "a b")]
    [TestCase("\n\n", "")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Normalize_Whitespace_IsCollapsedAndTrimmed(string? text, string expected)
    {
        Assert.That(TextNormalizer.Normalize(text), Is.EqualTo(expected));
    }

    [Test]
    public void Normalize_AlreadyNormalText_IsUnchanged()
    {
        const string text = "Сегодня днем, 18 февраля. วันนี้ Ngày 26/6.";

        Assert.That(TextNormalizer.Normalize(text), Is.EqualTo(text));
    }
}
