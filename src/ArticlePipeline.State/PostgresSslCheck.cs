using System.Net;
using Npgsql;

namespace ArticlePipeline.State;

/// <summary>
/// Whether a PostgreSQL connection string leaves the local machine without TLS: off the local machine the password and
/// every article travel over the network, so <c>SSL Mode=VerifyFull</c> (or at least <c>Require</c>) is required there.
/// </summary>
public static class PostgresSslCheck
{
    /// <summary>The one-line start-up warning for <paramref name="connectionString"/>, or <see langword="null"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>
    /// A warning naming the non-loopback hosts and the SSL mode (never the password), when some host is not the local
    /// machine and the SSL mode is not <c>Require</c>, <c>VerifyCA</c> or <c>VerifyFull</c>; else <see langword="null"/>.
    /// </returns>
    public static string? Warning(string? connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty);
        }
        catch (ArgumentException)
        {
            // Opening the store reports a malformed string.
            return null;
        }

        if (builder.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            return null;
        }

        string[] remote = [.. (builder.Host ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(HostOf)
            .Where(h => !IsLocal(h))];
        return remote.Length == 0
            ? null
            : $"warning: State:ConnectionString reaches PostgreSQL at {string.Join(", ", remote)} with SSL Mode={builder.SslMode}: the password and the articles can be read or changed on the way; add 'SSL Mode=VerifyFull' (see README, 'Running the worker')";
    }

    private static string HostOf(string entry)
    {
        // host, host:port, [v6]:port, or a bare IPv6 address.
        if (entry.StartsWith('[') && entry.IndexOf(']', StringComparison.Ordinal) is > 0 and int end)
        {
            return entry[1..end];
        }

        int colon = entry.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon == entry.LastIndexOf(':') ? entry[..colon] : entry;
    }

    private static bool IsLocal(string host) =>
        host.StartsWith('/') ||
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));
}
