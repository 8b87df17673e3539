using System.Collections.Concurrent;
using System.Diagnostics;

namespace ArticlePipeline.Testing;

/// <summary>The real command line as a child process, its stderr collected, stoppable with SIGTERM or SIGKILL.</summary>
public sealed class ChildCli : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _output = new();

    private ChildCli(Process process) => _process = process;

    /// <summary>
    /// The command line as built in its own project: run from there, it has its own dependencies beside it (this
    /// test project takes some of them from the ASP.NET Core shared framework instead, which the tool does not use).
    /// The environment variable <c>ARTICLEPIPELINE_CLI</c> names another build of it (a published one, for the
    /// benchmarks).
    /// </summary>
    public static string CliPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ARTICLEPIPELINE_CLI") is { Length: > 0 } published)
            {
                return published;
            }

            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(SharedData.RepositoryRoot, "src", "ArticlePipeline.Cli", "bin", configuration, "net10.0", "article-pipeline.dll");
        }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> ErrorLines => _errors;

    /// <summary>What the child printed on stdout so far.</summary>
    public IReadOnlyCollection<string> OutputLines => _output;

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    public static ChildCli Start(string workingDirectory, params string[] args) => Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts the command line with extra environment variables (e.g. ARTICLEPIPELINE__Scheduler__InstanceId).</summary>
    public static ChildCli Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(CliPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var child = new ChildCli(Process.Start(start)!);
        child._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._errors.Enqueue(e.Data);
            }
        };
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._output.Enqueue(e.Data);
            }
        };
        child._process.BeginErrorReadLine();
        child._process.BeginOutputReadLine();
        return child;
    }

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an OOM kill.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The overload without a timeout also waits until the redirected output has been read to its end.
        _process.WaitForExit();
        return true;
    }

    public string Log => string.Join('\n', _errors);

    /// <summary>Everything printed on stdout so far.</summary>
    public string Output => string.Join('\n', _output);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
