namespace ArticlePipeline.Translation.Tests;

/// <summary>A timer of <see cref="VirtualTimeProvider"/>.</summary>
internal sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    /// <summary>When it fires next, or <see langword="null"/> when stopped.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
        _period = period;
        clock.Scheduled(this);
        return true;
    }

    /// <summary>After falling due: the next period, or stopped.</summary>
    public void Reschedule() =>
        DueAt = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? DueAt + _period : null;

    /// <summary>Runs the callback.</summary>
    public void Fire() => callback(state);

    /// <inheritdoc />
    public void Dispose()
    {
        DueAt = null;
        clock.Remove(this);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
