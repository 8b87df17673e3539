using System.Text;
using ArticlePipeline.Crawling.Fetching;
using ArticlePipeline.Crawling.Tests.Issues;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>Issue 14: content codings are read from the header and undone under the body cap, in memory.</summary>
[TestFixture]
public sealed class ContentDecoderTests
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<p>Nông dân huyện Tân Hậu thu hoạch lúa.</p>", 200)));

    [TestCase("gzip", new[] { "Gzip" })]
    [TestCase("X-GZIP", new[] { "Gzip" })]
    [TestCase("identity", new string[0])]
    [TestCase("", new string[0])]
    [TestCase("deflate, identity ,br", new[] { "Deflate", "Brotli" })]
    public void TryParse_KnownCodings_InTheOrderApplied(string header, string[] expected)
    {
        bool known = ContentCodings.TryParse([header], out IReadOnlyList<ContentCoding> codings, out string? unknown);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(known, Is.True);
            Assert.That(codings.Select(c => c.ToString()), Is.EqualTo(expected));
            Assert.That(unknown, Is.Null);
        }
    }

    [Test]
    public void TryParse_HeaderOnSeveralLines_ReadsThemAll()
    {
        bool known = ContentCodings.TryParse(["gzip", "br"], out IReadOnlyList<ContentCoding> codings, out _);

        Assert.That(known && codings.SequenceEqual([ContentCoding.Gzip, ContentCoding.Brotli]), Is.True);
    }

    [Test]
    public void TryParse_UnknownCoding_NamesIt()
    {
        bool known = ContentCodings.TryParse(["gzip, compress"], out _, out string? unknown);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(known, Is.False);
            Assert.That(unknown, Is.EqualTo("compress"));
        }
    }

    [Test]
    public async Task DecodeAsync_TwoCodings_AreUndoneLastAppliedFirst()
    {
        byte[] sent = Issue14RawExchangeTests.Encode("br", Issue14RawExchangeTests.Encode("gzip", Page));

        ResponseBody body = await ContentDecoder.DecodeAsync(sent, [ContentCoding.Gzip, ContentCoding.Brotli], 1024 * 1024, keepPrefix: false, encodedCut: false);

        Assert.That(body.Bytes, Is.EqualTo(Page));
    }

    [Test]
    public async Task DecodeAsync_NoCoding_GivesTheSameArray()
    {
        byte[] sent = [.. Page];

        ResponseBody body = await ContentDecoder.DecodeAsync(sent, [], 1024 * 1024, keepPrefix: false, encodedCut: false);

        Assert.That(body.Bytes, Is.SameAs(sent));
    }

    [TestCase("gzip", "Gzip")]
    [TestCase("br", "Brotli")]
    [TestCase("deflate", "Deflate")]
    [TestCase("deflate-raw", "Deflate")]
    public async Task DecodeAsync_AroundTheCap_ExactlyTheCapPassesAndOneByteMoreDoesNot(string encoder, string name)
    {
        ContentCoding coding = Enum.Parse<ContentCoding>(name);
        byte[] sent = Issue14RawExchangeTests.Encode(encoder, Page);

        ResponseBody atCap = await ContentDecoder.DecodeAsync(sent, [coding], Page.Length, keepPrefix: false, encodedCut: false);
        ResponseBody overCap = await ContentDecoder.DecodeAsync(sent, [coding], Page.Length - 1, keepPrefix: false, encodedCut: false);
        ResponseBody prefix = await ContentDecoder.DecodeAsync(sent, [coding], 100, keepPrefix: true, encodedCut: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(atCap, Is.EqualTo(new ResponseBody(atCap.Bytes, OverLimit: false)));
            Assert.That(atCap.Bytes, Is.EqualTo(Page));
            Assert.That(overCap, Is.EqualTo(new ResponseBody(null, OverLimit: true)));
            Assert.That(prefix.OverLimit, Is.True);
            Assert.That(prefix.Bytes, Is.EqualTo(Page[..100]));
        }
    }

    [Test]
    public async Task DecodeAsync_EncodedBodyCutAtTheCap_KeepsWhatDecodedBeforeTheCut()
    {
        // A robots.txt keeps its first bytes: when the body as sent was cut, its prefix still decodes as far as it goes.
        byte[] sent = Issue14RawExchangeTests.Encode("gzip", Page);
        byte[] cut = sent[..(sent.Length / 2)];

        ResponseBody body = await ContentDecoder.DecodeAsync(cut, [ContentCoding.Gzip], 1024 * 1024, keepPrefix: true, encodedCut: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.OverLimit, Is.True);
            Assert.That(body.Bytes, Is.Not.Null);
            Assert.That(body.Bytes!, Is.EqualTo(Page[..body.Bytes!.Length]));
        }
    }

    [Test]
    public async Task DecodeAsync_GzipOfSeveralMembers_IsDecodedWhole()
    {
        // The last member's trailer states only its own size, the first buffer's guess: the rest is still read.
        byte[] sent = [.. Issue14RawExchangeTests.Encode("gzip", Page[..^100]), .. Issue14RawExchangeTests.Encode("gzip", Page[^100..])];

        ResponseBody body = await ContentDecoder.DecodeAsync(sent, [ContentCoding.Gzip], 1024 * 1024, keepPrefix: false, encodedCut: false);

        Assert.That(body.Bytes, Is.EqualTo(Page));
    }

    [TestCase("gzip", "Gzip")]
    [TestCase("br", "Brotli")]
    [TestCase("deflate", "Deflate")]
    public async Task DecodeAsync_BodyCutShort_GivesTheStartThatDecoded(string encoder, string name)
    {
        // A body whose HTTP framing is whole but whose coding stops early: .NET's decoders end quietly (as the
        // handler's automatic decompression did), giving the start of the page, not an error of another type.
        byte[] sent = Issue14RawExchangeTests.Encode(encoder, Page);

        ResponseBody body = await ContentDecoder.DecodeAsync(sent[..(sent.Length / 2)], [Enum.Parse<ContentCoding>(name)], 1024 * 1024, keepPrefix: false, encodedCut: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.Bytes!.Length, Is.LessThan(Page.Length));
            Assert.That(body.Bytes, Is.EqualTo(Page[..body.Bytes.Length]));
        }
    }
}
