namespace ArticlePipeline.Translation.Client;

/// <summary>
/// The client-side character budget: at most <see cref="CharactersPerMinute"/> characters (counted across target languages)
/// sent in any sliding minute, waited for on a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>The Translator meters its hourly quota over a sliding one-minute window (S1: 40 million characters an hour, i.e.
/// 666,666 a minute) and answers 429001 beyond it. This budget applies the same rule on our side: think of a token bucket
/// whose tokens come back exactly one minute after they were spent. A classic bucket that refills continuously would let up
/// to twice the budget through within one minute (a full bucket, then a minute of refill), which is what draws 429s.</para>
/// <para>A request larger than the whole budget is let through once nothing else was sent in the last minute. A 429 answer
/// pauses everyone until its <c>Retry-After</c> (<see cref="PauseUntil"/>). Waiters are not served in order; the client sends
/// one request at a time per article batch, so that does not matter. Thread-safe.</para>
/// </remarks>
internal sealed class CharacterBudget
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, long Characters)> _spent = new();
    private readonly TimeProvider _time;
    private long _inWindow;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Creates a budget.</summary>
    /// <param name="charactersPerMinute">Characters allowed per sliding minute; at least 1.</param>
    /// <param name="time">The clock to measure and wait with.</param>
    public CharacterBudget(long charactersPerMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(charactersPerMinute, 1);
        ArgumentNullException.ThrowIfNull(time);
        CharactersPerMinute = charactersPerMinute;
        _time = time;
    }

    /// <summary>The characters allowed per sliding minute.</summary>
    public long CharactersPerMinute { get; }

    /// <summary>Waits until <paramref name="characters"/> fit the budget, then spends them.</summary>
    /// <param name="characters">The characters of the request times its number of target languages.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the request may go.</returns>
    public async ValueTask WaitAsync(long characters, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TimeSpan wait = TrySpend(characters);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Spends <paramref name="characters"/> now if they fit.</summary>
    /// <param name="characters">The characters to spend.</param>
    /// <returns><see cref="TimeSpan.Zero"/> when spent; else how long to wait before asking again.</returns>
    public TimeSpan TrySpend(long characters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(characters);
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            while (_spent.TryPeek(out (DateTimeOffset At, long Characters) oldest) && now - oldest.At >= Window)
            {
                _spent.Dequeue();
                _inWindow -= oldest.Characters;
            }

            if (now < _pausedUntil)
            {
                return _pausedUntil - now;
            }

            if (_inWindow + characters <= CharactersPerMinute || _spent.Count == 0)
            {
                _spent.Enqueue((now, characters));
                _inWindow += characters;
                return TimeSpan.Zero;
            }

            // The earliest moment enough old spending has left the window (all of it, for an oversized request).
            long excess = _inWindow + characters - CharactersPerMinute;
            long freed = 0;
            DateTimeOffset until = now;
            foreach ((DateTimeOffset at, long spent) in _spent)
            {
                freed += spent;
                until = at + Window;
                if (freed >= excess)
                {
                    break;
                }
            }

            return until - now;
        }
    }

    /// <summary>Lets nothing through before <paramref name="until"/> (the service said so with <c>Retry-After</c>).</summary>
    /// <param name="until">When sending may resume.</param>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }
}
