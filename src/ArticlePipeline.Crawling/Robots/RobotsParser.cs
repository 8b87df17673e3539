using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>
/// Parses robots.txt per RFC 9309. Pure and lenient the way Google's parser is: keys are case-insensitive and a few
/// common misspellings are accepted, a missing colon is tolerated for known keys, comments and blank lines are
/// skipped, and only the first 500 KiB are read.
/// </summary>
public static class RobotsParser
{
    /// <summary>The parsing limit: the first 500 KiB of a file are read (RFC 9309, 2.5), the rest is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    private enum Key
    {
        Unknown,
        UserAgent,
        Allow,
        Disallow,
        Sitemap,
        CrawlDelay,
    }

    /// <summary>Parses robots.txt bytes (UTF-8, with or without a BOM).</summary>
    /// <param name="content">The body of the robots.txt response.</param>
    /// <returns>The parsed file.</returns>
    public static RobotsFile Parse(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxBytes)
        {
            // Cut at the limit and drop the line it falls in: half a rule could mean something else.
            content = content[..MaxBytes];
            int lastBreak = content.LastIndexOfAny((byte)'\n', (byte)'\r');
            content = lastBreak < 0 ? [] : content[..lastBreak];
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        return Parse(Encoding.UTF8.GetString(content));
    }

    /// <summary>Parses robots.txt text; text beyond <see cref="MaxBytes"/> characters is ignored.</summary>
    /// <param name="content">The text.</param>
    /// <returns>The parsed file.</returns>
    public static RobotsFile Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            return Parse(Encoding.UTF8.GetBytes(content));
        }

        var groups = new List<GroupBuilder>();
        var sitemaps = new List<Uri>();
        GroupBuilder? current = null;
        bool readingAgents = false;
        foreach (ReadOnlySpan<char> rawLine in content.AsSpan().TrimStart('\uFEFF').EnumerateLines())
        {
            if (!TrySplit(rawLine, out Key key, out string value))
            {
                continue;
            }

            switch (key)
            {
                case Key.UserAgent:
                    string? agent = AgentToken(value);
                    if (agent is null)
                    {
                        break;
                    }

                    // Consecutive user-agent lines share one group; one after a rule starts the next group.
                    if (!readingAgents || current is null)
                    {
                        current = new GroupBuilder();
                        groups.Add(current);
                        readingAgents = true;
                    }

                    current.Agents.Add(agent);
                    break;
                case Key.Allow or Key.Disallow when current is not null:
                    readingAgents = false;
                    if (value.Length > 0)
                    {
                        // A pattern must start with "/" or "*"; "Disallow: tmp/" is read as "/tmp/", the stricter reading.
                        string pattern = value[0] is '/' or '*' ? value : "/" + value;
                        current.Rules.Add(new RobotsRule(key == Key.Allow, RobotsMatcher.Normalize(pattern)));
                    }

                    break;
                case Key.CrawlDelay when current is not null:
                    readingAgents = false;
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) &&
                        seconds >= 0 && !double.IsInfinity(seconds))
                    {
                        current.CrawlDelay ??= TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
                    }

                    break;
                case Key.Sitemap:
                    // Sitemap lines belong to no group and do not end the list of user agents.
                    if (Uri.TryCreate(value, UriKind.Absolute, out Uri? sitemap) && sitemap.Scheme is "http" or "https")
                    {
                        sitemaps.Add(sitemap);
                    }

                    break;
            }
        }

        return new RobotsFile(groups.Select(g => g.Build()).ToImmutableArray(), sitemaps.Distinct().ToImmutableArray());
    }

    /// <summary>
    /// The product token of a User-Agent string or a robots.txt <c>User-agent</c> value: its leading run of
    /// letters, <c>_</c> and <c>-</c> (so <c>ArticlePipeline/1.0 (+https://...)</c> gives <c>ArticlePipeline</c>).
    /// </summary>
    /// <param name="userAgent">The User-Agent string.</param>
    /// <returns>The token, or an empty string when the value starts with another character.</returns>
    public static string ProductToken(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        ReadOnlySpan<char> value = userAgent.AsSpan().Trim();
        int end = 0;
        while (end < value.Length && (char.IsAsciiLetter(value[end]) || value[end] is '_' or '-'))
        {
            end++;
        }

        return value[..end].ToString();
    }

    private static string? AgentToken(string value)
    {
        if (value.StartsWith('*'))
        {
            return "*";
        }

        string token = ProductToken(value);
        return token.Length == 0 ? null : token;
    }

    private static bool TrySplit(ReadOnlySpan<char> line, out Key key, out string value)
    {
        key = Key.Unknown;
        value = string.Empty;
        int comment = line.IndexOf('#');
        if (comment >= 0)
        {
            line = line[..comment];
        }

        line = line.Trim();
        if (line.IsEmpty)
        {
            return false;
        }

        int colon = line.IndexOf(':');
        ReadOnlySpan<char> name;
        ReadOnlySpan<char> rest;
        if (colon >= 0)
        {
            name = line[..colon].Trim();
            rest = line[(colon + 1)..];
        }
        else
        {
            // Google accepts "Disallow /x" without the colon; so do we, for the keys we know.
            int space = line.IndexOfAny(' ', '\t');
            if (space < 0)
            {
                return false;
            }

            name = line[..space];
            rest = line[space..];
        }

        key = KeyOf(name);
        value = rest.Trim().ToString();
        return key != Key.Unknown;
    }

    private static Key KeyOf(ReadOnlySpan<char> name)
    {
        string lower = name.ToString().ToLowerInvariant();
        return lower switch
        {
            "user-agent" or "useragent" or "user agent" or "user_agent" => Key.UserAgent,
            "allow" => Key.Allow,
            "disallow" or "dissallow" or "dissalow" or "disalow" or "diasllow" or "disallaw" => Key.Disallow,
            "sitemap" or "site-map" => Key.Sitemap,
            "crawl-delay" or "crawldelay" or "crawl delay" or "crawl_delay" => Key.CrawlDelay,
            _ => Key.Unknown,
        };
    }

    private sealed class GroupBuilder
    {
        public List<string> Agents { get; } = [];

        public List<RobotsRule> Rules { get; } = [];

        public TimeSpan? CrawlDelay { get; set; }

        public RobotsGroup Build() => new([.. Agents], [.. Rules], CrawlDelay);
    }
}
