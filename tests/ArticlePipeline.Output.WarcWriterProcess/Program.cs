using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Warc;
using Microsoft.Extensions.Logging;

// Usage: ArticlePipeline.Output.WarcWriterProcess outputDir run count maxFileBytes [pauseAfter]
// Opens a WarcCaptureStore on outputDir (which repairs files of killed predecessors), prints "ready", then stores
// `count` exchanges (run and index decide their content; every seventh carries a 3 MiB incompressible body so that a
// kill can land inside a long write) and after each StoreAsync returns prints
// "stored RUN INDEX FILE OFFSET LENGTH DIGEST URI end". The last line is "done". Repairs are logged to stderr.
// With pauseAfter, it prints "paused" after that many exchanges (its file open, the marker locked) and waits for a
// line on stdin before going on.
if (args.Length is not (4 or 5))
{
    await Console.Error.WriteLineAsync("usage: ArticlePipeline.Output.WarcWriterProcess outputDir run count maxFileBytes [pauseAfter]");
    return 2;
}

string output = args[0];
int run = int.Parse(args[1], CultureInfo.InvariantCulture);
int count = int.Parse(args[2], CultureInfo.InvariantCulture);
long maxBytes = long.Parse(args[3], CultureInfo.InvariantCulture);
int pauseAfter = args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : -1;

await using var store = new WarcCaptureStore(output, maxBytes, logger: new StderrLogger());
Console.WriteLine("ready");
for (int i = 0; i < count; i++)
{
    HttpExchange exchange = Make(run, i);
    PageCapture capture = await store.StoreAsync(exchange);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {run} {i} {capture.WarcFile} {capture.Offset} {capture.Length} {capture.Digest} {exchange.TargetUri.AbsoluteUri} end"));
    if (i + 1 == pauseAfter)
    {
        Console.WriteLine("paused");
        await Console.In.ReadLineAsync();
    }
}

Console.WriteLine("done");
return 0;

static HttpExchange Make(int run, int index)
{
    var random = new Random((run * 100_003) + index);
    byte[] payload;
    if (index % 7 == 3)
    {
        payload = new byte[3 * 1024 * 1024];
        random.NextBytes(payload);
    }
    else
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><body><article>");
        int paragraphs = random.Next(5, 400);
        for (int p = 0; p < paragraphs; p++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Đoạn {p} ({random.Next()}): nông dân huyện Tân Hậu thu hoạch lúa hè thu.</p>");
        }

        payload = Encoding.UTF8.GetBytes(html.Append("</article></body></html>").ToString());
    }

    var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://kill.example.vn/run-{run}/bai-{index}.html"));
    return new HttpExchange(
        uri,
        "GET",
        [new("Host", uri.Host), new("User-Agent", "ArticlePipeline/1.0")],
        "1.1",
        200,
        "OK",
        [new("Content-Type", "text/html; charset=utf-8"), new("Content-Length", payload.Length.ToString(CultureInfo.InvariantCulture))],
        payload,
        "192.0.2.44",
        DateTimeOffset.UtcNow);
}

/// <summary>Writes the store's log lines (repairs of torn files) to stderr for the test to count.</summary>
internal sealed class StderrLogger : ILogger<WarcCaptureStore>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
}
