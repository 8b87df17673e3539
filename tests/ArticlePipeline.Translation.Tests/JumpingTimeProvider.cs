using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Translation.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that jumps to its earliest pending timer as soon as a timer is set: for code under
/// test that does one thing at a time, a timer is set exactly when that code starts to wait, so virtual minutes pass in
/// microseconds and nothing else notices.
/// </summary>
/// <remarks>
/// <para>
/// FakeTimeProvider's timers fire only when the clock moves, and its <see cref="FakeTimeProvider.AutoAdvanceAmount"/>
/// moves the clock when it is read, not when a timer is set. The character budget and the Retry-After waits read the
/// clock and then await <c>Task.Delay</c> on it, with nothing reading it again, so they would wait for ever; and a test
/// that advanced the clock in steps while awaiting would overshoot the exact waits these tests assert (none, one minute,
/// three minutes). This adapter adds only the missing piece: it notes when each timer is due and moves the clock there
/// with <see cref="FakeTimeProvider.SetUtcNow"/>, which fires the timers FakeTimeProvider keeps.
/// </para>
/// <para>Callbacks run on the thread pool, as a real timer's do, so no code under test runs inside the jump.</para>
/// </remarks>
internal sealed class JumpingTimeProvider : FakeTimeProvider
{
    private readonly Lock _timersLock = new();
    private readonly Lock _jumpLock = new();
    private readonly HashSet<JumpingTimer> _timers = [];
    private int _timersCreated;

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    /// <param name="start">The first time the clock shows.</param>
    public JumpingTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How far the clock has moved since it started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <summary>How many timers were set (e.g. how often the code under test waited).</summary>
    public int TimersCreated => Volatile.Read(ref _timersCreated);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Interlocked.Increment(ref _timersCreated);
        var timer = new JumpingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private ITimer CreateFakeTimer(TimerCallback callback) =>
        base.CreateTimer(callback, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void JumpToNextTimer()
    {
        // One jump at a time, and no timer is set meanwhile: a due time noted against the clock must be the one the
        // fake timer counts from.
        lock (_jumpLock)
        {
            DateTimeOffset? next;
            lock (_timersLock)
            {
                next = _timers.Min(static t => t.DueAt);
            }

            if (next is { } due && due > GetUtcNow())
            {
                SetUtcNow(due);
            }
        }
    }

    /// <summary>A FakeTimeProvider timer whose due time the clock can see.</summary>
    private sealed class JumpingTimer : ITimer
    {
        private readonly JumpingTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _fake;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public JumpingTimer(JumpingTimeProvider clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _fake = clock.CreateFakeTimer(_ => Fired());
        }

        /// <summary>When it fires next, or <see langword="null"/> when stopped.</summary>
        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Stop();
                return _fake.Change(dueTime, period);
            }

            lock (_clock._jumpLock)
            {
                lock (_clock._timersLock)
                {
                    DueAt = _clock.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                    _period = period;
                    _clock._timers.Add(this);
                }

                _fake.Change(dueTime, period);
            }

            ThreadPool.UnsafeQueueUserWorkItem(static clock => clock.JumpToNextTimer(), _clock, preferLocal: false);
            return true;
        }

        public void Dispose()
        {
            Stop();
            _fake.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Stop()
        {
            lock (_clock._timersLock)
            {
                DueAt = null;
                _clock._timers.Remove(this);
            }
        }

        private void Fired()
        {
            lock (_clock._timersLock)
            {
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    DueAt += _period;
                }
                else
                {
                    DueAt = null;
                    _clock._timers.Remove(this);
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(static timer => timer._callback(timer._state), this, preferLocal: false);
        }
    }
}
