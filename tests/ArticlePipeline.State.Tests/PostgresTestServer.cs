using Npgsql;

namespace ArticlePipeline.State.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>ARTICLEPIPELINE_TEST_POSTGRES</c> or a local default. When it cannot be
/// reached the tests are ignored with a message, except under CI (env <c>CI</c> set), where they fail: CI must run them.
/// </summary>
internal static class PostgresTestServer
{
    public const string EnvironmentVariable = "ARTICLEPIPELINE_TEST_POSTGRES";

    public const string DefaultConnectionString = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";

    private static readonly Lazy<Task<string?>> Probe = new(ProbeAsync);

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>The connection string without its password, for messages.</summary>
    public static string Display
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            builder.Remove("Password");
            return builder.ConnectionString;
        }
    }

    /// <summary>True when env <c>CI</c> is set to anything but <c>false</c> or <c>0</c>.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    public static async Task<bool> IsReachableAsync() => await Probe.Value is null;

    /// <summary>Ignores (locally) or fails (under CI) the calling fixture when the server is not reachable.</summary>
    public static async Task RequireAsync()
    {
        string? error = await Probe.Value;
        if (error is null)
        {
            return;
        }

        string message = $"PostgreSQL not reachable at {Display} ({error}). Set {EnvironmentVariable} to a server, or run .ci/run, which starts one on 127.0.0.1.";
        if (IsCi)
        {
            Assert.Fail("CI is set, so the PostgreSQL state store tests must run: " + message);
        }

        Assert.Ignore(message);
    }

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops every schema whose name starts with <paramref name="prefix"/> (generated, so safe to inline).</summary>
    public static Task DropSchemasAsync(string prefix) => ExecuteAsync($"""
        DO $$
        DECLARE s text;
        BEGIN
          FOR s IN SELECT nspname FROM pg_namespace WHERE left(nspname, {prefix.Length}) = '{prefix}' LOOP
            EXECUTE format('DROP SCHEMA %I CASCADE', s);
          END LOOP;
        END $$;
        """);

    private static async Task<string?> ProbeAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 5, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
