using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Warc;
using FsCheck;
using FsCheck.Fluent;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>
/// Over generated responses (any header bytes a server can send, any payload bytes), a response record read back
/// gives the same status, reason, headers and payload: the WARC writer and reader are inverse.
/// </summary>
[TestFixture]
public sealed class WarcRecordPropertyTests
{
    private static readonly string[] Names = ["Content-Type", "Set-Cookie", "X-Cache", "content-length", "Link", "ETag", "x-amz-meta-title", "Vary"];

    [Test]
    public void ResponseRecord_GeneratedExchanges_ReadBackUnchanged()
    {
        // Header values are what HttpClient hands over: each received byte as one Latin-1 character, without CR/LF
        // and without surrounding spaces (which HTTP strips).
        Gen<char> valueChar = Gen.Frequency((6, Gen.Choose(0x21, 0x7e).Select(c => (char)c)), (1, Gen.Constant(' ')), (2, Gen.Choose(0x80, 0xff).Select(c => (char)c)));
        Gen<string> value = Gen.ArrayOf(valueChar).Select(c => new string(c).Trim());
        Gen<KeyValuePair<string, string>> header = from name in Gen.Elements(Names) from v in value select new KeyValuePair<string, string>(name, v);
        Gen<byte[]> payload = Gen.Frequency(
            (3, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
            (1, Gen.Elements("\r\n\r\n"u8.ToArray(), "WARC/1.1\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), Array.Empty<byte>())));
        Gen<(int Status, string? Reason, string Version)> status = Gen.Elements<(int, string?, string)>((200, "OK", "1.1"), (404, "Not Found", "1.1"), (200, null, "2"), (301, "Moved Permanently", "1.0"), (599, "x y z", "1.1"));
        int tried = 0;

        Prop.ForAll(
                Arb.From(Gen.ArrayOf(header)),
                Arb.From(payload),
                Arb.From(status),
                (KeyValuePair<string, string>[] headers, byte[] body, (int Status, string? Reason, string Version) line) =>
                {
                    tried++;
                    var exchange = new HttpExchange(
                        new Uri("https://example.vn/a?b=c"), "GET", [], line.Version, line.Status, line.Reason, [.. headers], body, null, DateTimeOffset.UnixEpoch);
                    byte[] block = HttpBlock.Response(exchange.HttpVersion, exchange.Status, exchange.Reason, exchange.ResponseHeaders, body);
                    var record = new WarcRecord(0, 1, [new("WARC-Type", "response"), new("WARC-Target-URI", exchange.TargetUri.AbsoluteUri)], block);
                    HttpExchange back = WarcReader.ToExchange(record);
                    return (back.Status == line.Status && back.Reason == line.Reason && back.HttpVersion == line.Version &&
                            back.ResponseHeaders.SequenceEqual(headers) && back.Payload.Span.SequenceEqual(body))
                        .Label($"{line} {string.Join(" | ", headers.Select(h => h.Key + ": " + h.Value))} payload {body.Length}");
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true));

        Assert.That(tried, Is.EqualTo(2000));
    }
}
