using System.Globalization;
using System.Text;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// Names of WARC files, unique across processes sharing an output folder:
/// <c>articlepipeline-{UTC time to the millisecond}-{serial}-{host}-{pid}.warc.gz</c>, the
/// prefix-timestamp-serial-host convention of Heritrix and wget, with the process id added.
/// </summary>
internal static class WarcFileName
{
    /// <summary>The prefix of every file.</summary>
    public const string Prefix = "articlepipeline";

    /// <summary>The suffix of every file.</summary>
    public const string Suffix = ".warc.gz";

    /// <summary>The name of a new file.</summary>
    /// <param name="now">The time the file is started.</param>
    /// <param name="serial">A counter of files started by this process.</param>
    /// <param name="host">The machine's name.</param>
    /// <param name="processId">The process id.</param>
    /// <returns>The file name.</returns>
    public static string Create(DateTimeOffset now, int serial, string host, int processId) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix}-{now.UtcDateTime:yyyyMMddHHmmssfff}-{serial:D5}-{SafeHost(host)}-{processId}{Suffix}");

    /// <summary>Whether <paramref name="fileName"/> (a WARC file or its marker) was started by a process on <paramref name="host"/>.</summary>
    /// <param name="fileName">The file's name.</param>
    /// <param name="host">The machine's name.</param>
    /// <returns><see langword="true"/> when the name ends with this host and a process id.</returns>
    public static bool IsFromHost(string fileName, string host)
    {
        int end = fileName.IndexOf(Suffix, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        string stem = fileName[..end];
        int dash = stem.LastIndexOf('-');
        return dash > 0 && stem[(dash + 1)..].All(char.IsAsciiDigit) && stem[..dash].EndsWith("-" + SafeHost(host), StringComparison.Ordinal);
    }

    /// <summary>A host name reduced to letters, digits, dots and hyphens (never empty).</summary>
    /// <param name="host">The host name.</param>
    /// <returns>The safe form.</returns>
    public static string SafeHost(string host)
    {
        var safe = new StringBuilder(host.Length);
        foreach (char c in host)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return safe.Length == 0 ? "host" : safe.ToString(0, Math.Min(safe.Length, 63));
    }
}
