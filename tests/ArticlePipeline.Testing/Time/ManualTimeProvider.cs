namespace ArticlePipeline.Testing.Time;

/// <summary>A clock that moves only when a test says so (the mirror has no FakeTimeProvider package).</summary>
/// <remarks>Thread-safe; the local time zone is UTC. Timers are not faked: code under test should not wait on them.</remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now;

    /// <summary>Starts the clock at <paramref name="start"/> (default 2025-06-23 07:30:00 UTC).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            _now += by;
        }
    }

    /// <summary>Sets the clock; it may not go back.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, _now);
            _now = value.ToUniversalTime();
        }
    }
}
