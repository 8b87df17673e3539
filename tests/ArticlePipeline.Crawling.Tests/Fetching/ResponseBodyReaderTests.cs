using ArticlePipeline.Crawling.Fetching;

namespace ArticlePipeline.Crawling.Tests.Fetching;

/// <summary>Issue 12: the capped body read, on its own, now that it is a type of its own.</summary>
[TestFixture]
public sealed class ResponseBodyReaderTests
{
    [TestCase(3, 4, false, 3, false)]
    [TestCase(4, 4, false, 4, false)]
    [TestCase(5, 4, false, -1, true)]
    [TestCase(10, 4, true, 4, true)]
    [TestCase(4, 4, true, 4, false)]
    public async Task ReadAsync_BodyAroundTheCap_KeepsWhatTheCapAllows(int length, int max, bool keepPrefix, int expectedLength, bool overLimit)
    {
        byte[] sent = Bytes(length);
        using var content = new ByteArrayContent(sent);

        ResponseBody body = await ResponseBodyReader.ReadAsync(content, max, keepPrefix);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.OverLimit, Is.EqualTo(overLimit));
            Assert.That(body.Bytes, expectedLength < 0 ? Is.Null : Is.EqualTo(sent[..expectedLength]));
        }
    }

    [TestCase(1)]
    [TestCase(200_000)]
    public async Task ReadAsync_ContentLengthThatIsWrong_ReadsTheWholeBodyUnderTheCap(long declared)
    {
        byte[] sent = Bytes(50_000);
        using var content = new ByteArrayContent(sent);
        content.Headers.ContentLength = declared;

        ResponseBody body = await ResponseBodyReader.ReadAsync(content, 100_000, keepPrefix: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.OverLimit, Is.False);
            Assert.That(body.Bytes, Is.EqualTo(sent));
        }
    }

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];
}
