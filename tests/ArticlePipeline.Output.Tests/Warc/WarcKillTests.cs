using ArticlePipeline.Testing.Warc;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Output.Warc;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Output.Tests.Warc;

/// <summary>
/// A real process writing WARC records is killed (SIGKILL) twenty times at random moments and restarted each time.
/// Every capture it reported as stored must read back with its digest, and every file must read completely, with
/// our reader and with warcio.js.
/// </summary>
[TestFixture]
[Category("Processes")]
public sealed class WarcKillTests
{
    private const int Kills = 20;
    private const long MaxFileBytes = 8 * 1024 * 1024;

    private static string WriterPath { get; } = typeof(WarcKillTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WarcWriterPath").Value!;

    [Test]
    public async Task StoreAsync_Killed20TimesMidStream_EveryReportedCaptureAndEveryFileReadsBack()
    {
        Assert.That(File.Exists(WriterPath), Is.True, $"the writer is not built at {WriterPath}");
        using var dir = new TempDirectory();
        var random = new Random(1414);
        var reported = new List<string[]>();
        var repairs = new List<string>();
        byte[] pair = await PairOfMembersAsync();
        int injected = 0;
        for (int run = 0; run <= Kills; run++)
        {
            bool last = run == Kills;
            using Process child = Start(dir.Path, run, last ? 5 : 10_000);
            using var guard = new KillOnDispose(child);
            var lines = new BlockingCollection<string>();
            Task reading = Task.Run(async () =>
            {
                while (await child.StandardOutput.ReadLineAsync() is { } line)
                {
                    lines.Add(line);
                }

                lines.CompleteAdding();
            });
            Task<string> errors = child.StandardError.ReadToEndAsync();

            // Let it store a random number of exchanges, then kill it a random moment later: inside compression,
            // a write, a flush to disk or the start of a new file.
            int before = last ? int.MaxValue : random.Next(1, 15);
            int stored = 0;
            var all = new List<string>();
            var watch = Stopwatch.StartNew();
            foreach (string line in lines.GetConsumingEnumerable())
            {
                all.Add(line);
                stored += line.StartsWith("stored ", StringComparison.Ordinal) ? 1 : 0;
                if (stored >= before || watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    break;
                }
            }

            if (!last)
            {
                Thread.Sleep(random.Next(0, 25));
                child.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await child.WaitForExitAsync(timeout.Token);
            await reading;
            all.AddRange(lines.GetConsumingEnumerable());
            reported.AddRange(all.Select(l => l.Split(' ')).Where(p => p is ["stored", _, _, _, _, _, _, _, "end"]));
            string error = await errors;
            repairs.AddRange(error.Split('\n').Where(l => l.Contains("cut off", StringComparison.Ordinal)));
            // A kill seldom lands inside the single write() of a record pair (about a millisecond), so every other
            // time the killed writer's file also gets the start of a pair, as a kill inside that write leaves it.
            if (!last && run % 2 == 0)
            {
                string open = Directory.GetFiles(Path.Combine(dir.Path, "warc"), "*.open").Single();
                using var tail = new FileStream(open[..^".open".Length], FileMode.Append, FileAccess.Write);
                tail.Write(pair.AsSpan(0, random.Next(1, pair.Length)));
                injected++;
            }

            if (last)
            {
                Assert.That(child.ExitCode, Is.Zero, error);
                Assert.That(all, Does.Contain("done"));
            }
        }

        string warc = Path.Combine(dir.Path, "warc");
        string[] files = Directory.GetFiles(warc, "*.warc.gz");
        int torn = repairs.Count(r => !r.Contains(" 0 byte(s)", StringComparison.Ordinal));
        TestContext.Out.WriteLine($"{reported.Count} captures reported over {Kills + 1} runs, {files.Length} files, {repairs.Count} files repaired after kills, {torn} of them with a torn tail cut off ({injected} torn tails added after a kill)");

        List<WarcRecord> ours = [];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Directory.GetFiles(warc, "*.open"), Is.Empty, "every dead writer's marker was handled");
            Assert.That(repairs, Has.Count.GreaterThanOrEqualTo(Kills - 1), "each restart repaired the killed writer's file");
            Assert.That(reported, Has.Count.GreaterThan(Kills), "every run stored something before it was killed");
            Assert.That(torn, Is.GreaterThanOrEqualTo(injected), "every torn tail was cut off");
            foreach (string file in files)
            {
                Assert.That(() => ours.AddRange(WarcReader.ReadAll(file)), Throws.Nothing, file);
            }
        }

        await using (var store = new WarcCaptureStore(dir.Path))
        {
            foreach (string[] p in reported)
            {
                var capture = new PageCapture(p[3], long.Parse(p[4], CultureInfo.InvariantCulture), long.Parse(p[5], CultureInfo.InvariantCulture), p[6]);
                HttpExchange? exchange = await store.ReadAsync(capture);
                Assert.That(exchange, Is.Not.Null, string.Join(' ', p));
                Assert.That(WarcCaptureStoreTests.Sha1Base32(exchange!.Payload.Span), Is.EqualTo(capture.Digest), string.Join(' ', p));
                Assert.That(exchange.TargetUri.AbsoluteUri, Is.EqualTo(p[7]));
            }
        }

        List<WarcioRecord> theirs = await WarcioJs.ReadAsync(files);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(theirs.Select(r => r.Id), Is.EquivalentTo(ours.Select(r => r.RecordId)), "warcio.js reads the same records");
            Assert.That(theirs.Where(r => r.Type == "response").Select(r => r.PayloadSha1), Is.EqualTo(theirs.Where(r => r.Type == "response").Select(r => r.DeclaredPayloadDigest)));
            Assert.That(theirs.Count(r => r.Type == "warcinfo"), Is.EqualTo(files.Length));
        }
    }

    [Test]
    public async Task NewStore_WhileAnotherProcessWrites_LeavesItsFileAlone()
    {
        Assert.That(File.Exists(WriterPath), Is.True, $"the writer is not built at {WriterPath}");
        using var dir = new TempDirectory();
        using Process child = Start(dir.Path, 0, 40, pauseAfter: 10);
        using var guard = new KillOnDispose(child);
        Task<string> output = Task.Run(async () =>
        {
            // The child pauses after ten captures, its file open and its marker locked.
            var seen = new System.Text.StringBuilder();
            while (await child.StandardOutput.ReadLineAsync() is { } line && line != "paused")
            {
                seen.AppendLine(line);
            }

            return seen.ToString();
        });
        Task<string> errors = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string first = await output.WaitAsync(timeout.Token);
        Assert.That(first, Does.Contain("stored "), "the child stored nothing before pausing");

        // This store starts (and looks for dead writers' files) while the child is writing.
        Assert.That(Directory.GetFiles(Path.Combine(dir.Path, "warc"), "*.open"), Has.Length.EqualTo(1), "the child's marker");
        var ours = new List<PageCapture>();
        var loggers = new CollectingLoggers();
        await using (var store = new WarcCaptureStore(dir.Path, logger: new Logger<WarcCaptureStore>(loggers)))
        {
            for (int i = 0; i < 5; i++)
            {
                ours.Add(await store.StoreAsync(Exchanges.GzipArticle(i)));
            }
        }

        await child.StandardInput.WriteLineAsync("go");
        await child.StandardInput.FlushAsync();
        string rest = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        string[] reported = [.. (first + rest).Split('\n').Where(l => l.StartsWith("stored ", StringComparison.Ordinal))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(child.ExitCode, Is.Zero, await errors);
            Assert.That(await errors, Does.Not.Contain("cut off"));
            Assert.That(loggers.Lines, Is.Empty, "the live child's file was not taken for a dead writer's");
            Assert.That(reported, Has.Length.EqualTo(40));
            Assert.That(ours.Select(c => c.WarcFile).Distinct(), Has.None.AnyOf(reported.Select(l => l.Split(' ')[3]).ToArray()));
            foreach (string file in Directory.GetFiles(Path.Combine(dir.Path, "warc"), "*.warc.gz"))
            {
                Assert.That(() => WarcReader.ReadAll(file).Count(), Throws.Nothing, file);
            }
        }

        await using var reader = new WarcCaptureStore(dir.Path);
        foreach (string[] p in reported.Select(l => l.Split(' ')))
        {
            var capture = new PageCapture(p[3], long.Parse(p[4], CultureInfo.InvariantCulture), long.Parse(p[5], CultureInfo.InvariantCulture), p[6]);
            Assert.That(await reader.ReadAsync(capture), Is.Not.Null, capture.ToString());
        }
    }

    // The two members one exchange adds, from a file written elsewhere.
    private static async Task<byte[]> PairOfMembersAsync()
    {
        using var other = new TempDirectory();
        PageCapture capture;
        await using (var store = new WarcCaptureStore(other.Path))
        {
            capture = await store.StoreAsync(Exchanges.GzipArticle(7));
        }

        return File.ReadAllBytes(other.Combine(capture.WarcFile))[(int)capture.Offset..];
    }

    private static Process Start(string output, int run, int count, int? pauseAfter = null)
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            host = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }

        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WriterPath);
        start.ArgumentList.Add(output);
        start.ArgumentList.Add(run.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(MaxFileBytes.ToString(CultureInfo.InvariantCulture));
        if (pauseAfter is { } pause)
        {
            start.ArgumentList.Add(pause.ToString(CultureInfo.InvariantCulture));
        }
        return Process.Start(start) ?? throw new InvalidOperationException("the WARC writer did not start");
    }

    // A failed assertion must not leave a child running (and holding the test host's pipes).
    private sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
