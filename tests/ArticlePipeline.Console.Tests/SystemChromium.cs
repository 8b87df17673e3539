namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>Debian's Chromium, which the browser tests drive; Playwright never downloads a browser here.</summary>
internal static class SystemChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Skips the test when Chromium is not installed, or fails it under CI (<c>.ci/run</c> installs it).</summary>
    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        string message = $"{ExecutablePath} is missing: install Debian's chromium package (apt-get install -y chromium)";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0")
        {
            Assert.Fail(message + " (required under CI)");
        }

        Assert.Ignore(message);
    }
}
