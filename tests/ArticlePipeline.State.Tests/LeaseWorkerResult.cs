using System.Globalization;

namespace ArticlePipeline.State.Tests;

/// <summary>What one lease worker process did, read from its output file.</summary>
internal sealed record LeaseWorkerResult(int ExitCode, IReadOnlyList<string> Lines, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Leased => [.. Lines.Where(l => l.StartsWith("leased ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    public IReadOnlyList<int> Attempts =>
        [.. Lines.Where(l => l.StartsWith("leased ", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> Completed => [.. Lines.Where(l => l.StartsWith("completed ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    public bool Finished => Lines.Count > 0 && Lines[^1] == "done";

    public override string ToString() => $"exit {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}
