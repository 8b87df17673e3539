using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Tests;

[TestFixture]
public sealed class ArticleIdsTests
{
    [Test]
    public void FromUrl_KnownUrl_IsTheFirstTwentyHexDigitsOfItsSha256()
    {
        // sha256("https://baosonghau.example.vn/tin-tuc/a1001.html"), computed outside .NET.
        Assert.That(ArticleIds.FromUrl(new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html")), Is.EqualTo("2f740ade37bd8d1cd214"));
    }

    [Test]
    public void FromUrl_SameUrlTwice_IsStableLowercaseHex()
    {
        string first = ArticleIds.FromUrl(new Uri("https://baosonghau.example.vn/tin-tuc/a1002.html"));
        string second = ArticleIds.FromUrl(new Uri("https://baosonghau.example.vn/tin-tuc/a1002.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Does.Match("^[0-9a-f]{20}$"));
        }
    }

    [Test]
    public void FromUrl_DifferentUrls_DifferentIds()
    {
        string[] ids = [.. Enumerable.Range(1000, 200).Select(i => ArticleIds.FromUrl(new Uri($"https://baosonghau.example.vn/tin-tuc/a{i}.html")))];

        Assert.That(ids, Is.Unique);
    }

    [TestCase("abc", "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Hash_Text_IsPrefixedSha256Hex(string text, string expected)
    {
        Assert.That(ArticleIds.Hash(text), Is.EqualTo(expected));
    }
}
