using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace ArticlePipeline.Testing.Warc;

/// <summary>One record as Webrecorder's warcio.js read it (tests/warcio-reader/read-warc.mjs).</summary>
public sealed record WarcioRecord(
    string File,
    long Offset,
    string Type,
    string? Id,
    string? Uri,
    string? ConcurrentTo,
    string? DeclaredPayloadDigest,
    string? DeclaredBlockDigest,
    int? Status,
    long PayloadLength,
    string PayloadSha1);

/// <summary>
/// Runs the independent WARC reader, warcio.js under Node, on files the tests wrote. Needs <c>node</c> on the PATH and
/// <c>npm ci</c> run in <c>tests/warcio-reader</c>: without them a test is ignored, or failed under CI.
/// </summary>
public static class WarcioJs
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "tests", "warcio-reader");

    public static async Task<List<WarcioRecord>> ReadAsync(IEnumerable<string> files)
    {
        string? node = FindOnPath("node");
        string package = Path.Combine(Folder, "node_modules", "warcio", "package.json");
        if (node is null || !File.Exists(package))
        {
            string message = node is null ? "node is not on the PATH" : $"warcio.js is not installed (run npm ci in {Folder})";
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0")
            {
                Assert.Fail(message + " (required under CI)");
            }

            Assert.Ignore(message);
        }

        var start = new ProcessStartInfo(node!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(Path.Combine(Folder, "read-warc.mjs"));
        foreach (string file in files)
        {
            start.ArgumentList.Add(file);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, "warcio.js failed: " + await error);
        return (await output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<WarcioRecord>(line, Json)!)
            .ToList();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
