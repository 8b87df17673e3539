using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Text;

namespace ArticlePipeline.Core.Tests.Text;

[TestFixture]
public sealed class UntrustedTextTests
{
    [TestCase("Internal Server Error", "Internal Server Error")]
    [TestCase("Bad\u001b[2J\u001b]0;pwned\u0007 Gateway", "Bad[2J]0;pwned Gateway")]
    [TestCase("8-bit\u009b31m CSI", "8-bit31m CSI")]
    [TestCase("line one\r\nline two\n\nthree\tfour", "line one line two three four")]
    [TestCase("file\u202Egnp.exe and \u2066isolate\u2069", "filegnp.exe and isolate")]
    [TestCase("zero\u200Bwidth\uFEFF", "zerowidth")]
    [TestCase("  Lỗi máy chủ \u2028 nội bộ  ", "Lỗi máy chủ nội bộ")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Clean_RemovesControlAndFormatCharactersAndKeepsOneLine(string? text, string expected) =>
        Assert.That(UntrustedText.Clean(text), Is.EqualTo(expected));

    [Test]
    public void Clean_SixtyKilobytes_IsCutToTheCapWithAnEllipsis()
    {
        string cleaned = UntrustedText.Clean("Error " + new string('x', 60_000));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cleaned, Has.Length.EqualTo(UntrustedText.DefaultMaxLength));
            Assert.That(cleaned, Does.StartWith("Error xxx").And.EndWith("…"));
        }
    }

    [Test]
    public void Clean_ExactlyTheCap_IsNotCut()
    {
        string text = new('y', 50);

        Assert.That(UntrustedText.Clean(text, 50), Is.EqualTo(text));
    }

    [Test]
    public void Clean_CutThroughASurrogatePair_KeepsThePairWhole()
    {
        string text = new string('a', 8) + "😀😀😀";

        string cleaned = UntrustedText.Clean(text, 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cleaned, Is.EqualTo("aaaaaaaa…"));
            Assert.That(UntrustedText.Clean(text, 11), Is.EqualTo("aaaaaaaa😀…"));
        }
    }

    [Test]
    public void Clean_UnpairedSurrogate_BecomesTheReplacementCharacter() =>
        Assert.That(UntrustedText.Clean("a\uD800b\uDC00c"), Is.EqualTo("a\uFFFDb\uFFFDc"));

    [Test]
    public void Clean_AnyText_GivesOneShortPrintableLineAndIsIdempotent()
    {
        // A property over random strings drawn from the troublesome ranges and ordinary text.
        var random = new Random(10);
        char[] alphabet = [.. "abc xyz\t\r\n\u001b\u0007\u0000\u007f\u0085\u009b\u200e\u202a\u202e\u2066\u2028\u00a0ăđưộ", '\uD83D', '\uDE00'];
        for (int run = 0; run < 2000; run++)
        {
            int max = random.Next(2, 60);
            var text = new StringBuilder();
            for (int i = random.Next(0, 120); i > 0; i--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            string cleaned = UntrustedText.Clean(text.ToString(), max);

            Assert.That(cleaned, Has.Length.LessThanOrEqualTo(max), text.ToString());
            Assert.That(cleaned.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format), Is.False);
            Assert.That(cleaned.Any(c => c is '\u2028' or '\u2029'), Is.False);
            Assert.That(StringHasNoLoneSurrogate(cleaned), Is.True);
            Assert.That(UntrustedText.Clean(cleaned, max), Is.EqualTo(cleaned), "cleaning twice changes nothing");
        }
    }

    private static bool StringHasNoLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
