using System.Globalization;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>How times, durations and shares read on the pages (JSON keeps the raw values).</summary>
internal static class ConsoleFormat
{
    /// <summary><paramref name="at"/> in <paramref name="zone"/>, to the second, with its offset.</summary>
    public static string Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "—";

    /// <summary>A duration as <c>1 h 02 min</c>, <c>3 min 05 s</c> or <c>4.2 s</c>.</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00} min"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
    };

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary><paramref name="url"/> without a user name or password, for display; <see langword="null"/> when it is no absolute URL.</summary>
    public static string? WithoutCredentials(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed))
        {
            return null;
        }

        if (string.IsNullOrEmpty(parsed.UserInfo))
        {
            return parsed.AbsoluteUri;
        }

        return new UriBuilder(parsed) { UserName = "", Password = "" }.Uri.AbsoluteUri;
    }
}
