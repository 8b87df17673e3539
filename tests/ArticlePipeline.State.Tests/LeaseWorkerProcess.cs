using System.Diagnostics;
using System.Reflection;

namespace ArticlePipeline.State.Tests;

/// <summary>
/// Runs <c>ArticlePipeline.State.LeaseWorker</c> as a child process: it opens the store, says <c>ready</c>, waits
/// for a line on stdin so all workers start together, then leases and completes items until the queue is empty.
/// </summary>
internal sealed class LeaseWorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _outputFile;
    private readonly Task<string> _standardError;

    private LeaseWorkerProcess(Process process, string outputFile)
    {
        _process = process;
        _outputFile = outputFile;
        _standardError = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The worker's built assembly, recorded by the test project's build (see the csproj).</summary>
    public static string WorkerPath { get; } = typeof(LeaseWorkerProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LeaseWorkerPath").Value
        ?? throw new InvalidOperationException("LeaseWorkerPath is not recorded in the test assembly.");

    public static LeaseWorkerProcess Start(string provider, string connectionString, string owner, string outputFile, string? schema)
    {
        if (!File.Exists(WorkerPath))
        {
            Assert.Fail($"The lease worker is not built at {WorkerPath}.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerPath);
        start.ArgumentList.Add(provider);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(owner);
        start.ArgumentList.Add(outputFile);
        if (schema is not null)
        {
            start.ArgumentList.Add(schema);
        }

        return new LeaseWorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The lease worker did not start."), outputFile);
    }

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        string? line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            Assert.Fail($"The lease worker did not get ready (said '{line}'): {await _standardError.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)}");
        }
    }

    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    public async Task<LeaseWorkerResult> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        string output = await _process.StandardOutput.ReadToEndAsync(timeout.Token);
        await _process.WaitForExitAsync(timeout.Token);
        string[] lines = File.Exists(_outputFile) ? await File.ReadAllLinesAsync(_outputFile, CancellationToken.None) : [];
        return new LeaseWorkerResult(_process.ExitCode, lines, output, await _standardError);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    /// <summary>The <c>dotnet</c> host running these tests, so the worker runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
