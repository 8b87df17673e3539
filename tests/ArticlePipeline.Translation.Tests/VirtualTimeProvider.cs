namespace ArticlePipeline.Translation.Tests;

/// <summary>
/// A clock whose timers fire only when it moves. With <see cref="AutoAdvance"/>, it jumps to the next timer as soon as one is
/// set: for code under test that does one thing at a time, a timer is set exactly when that code starts to wait, so virtual
/// minutes pass in microseconds and nothing else notices.
/// </summary>
/// <remarks>Thread-safe. The shared <c>ManualTimeProvider</c> of ArticlePipeline.Testing has no timers (its <c>Task.Delay</c>
/// would wait in real time), hence this one.</remarks>
internal sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<VirtualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;

    /// <summary>Starts the clock at 2025-06-23 07:30:00 UTC.</summary>
    public VirtualTimeProvider() => _start = _now = new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero);

    /// <summary>Whether the clock jumps to each timer as it is set.</summary>
    public bool AutoAdvance { get; init; }

    /// <summary>How far the clock has moved since it started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - _start;

    /// <summary>How many timers were set (e.g. how often the code under test waited).</summary>
    public int TimersCreated { get; private set; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
            TimersCreated++;
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing the timers that fall due.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            _now += by;
        }

        FireDue();
    }

    /// <summary>Called by a timer whose schedule changed.</summary>
    internal void Scheduled(VirtualTimer timer)
    {
        if (AutoAdvance && timer.DueAt is not null)
        {
            ThreadPool.QueueUserWorkItem(static clock => clock.AdvanceToNextTimer(), this, preferLocal: false);
        }
    }

    /// <summary>Called by a disposed timer.</summary>
    internal void Remove(VirtualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Reads the clock inside its lock (timers call this when they change).</summary>
    internal DateTimeOffset Now()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    private void AdvanceToNextTimer()
    {
        lock (_lock)
        {
            DateTimeOffset? next = _timers.Where(static t => t.DueAt is not null).Min(static t => t.DueAt);
            if (next is { } due && due > _now)
            {
                _now = due;
            }
        }

        FireDue();
    }

    private void FireDue()
    {
        while (true)
        {
            VirtualTimer[] due;
            lock (_lock)
            {
                due = [.. _timers.Where(t => t.DueAt <= _now)];
                foreach (VirtualTimer timer in due)
                {
                    timer.Reschedule();
                }
            }

            if (due.Length == 0)
            {
                return;
            }

            foreach (VirtualTimer timer in due)
            {
                timer.Fire();
            }
        }
    }
}
