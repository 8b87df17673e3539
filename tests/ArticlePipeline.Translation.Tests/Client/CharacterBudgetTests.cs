using ArticlePipeline.Translation.Client;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Translation.Tests.Client;

[TestFixture]
public sealed class CharacterBudgetTests
{
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void CreateClock() => _clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));

    [Test]
    public void TrySpend_WithinTheBudget_SpendsAtOnce()
    {
        var budget = new CharacterBudget(100, _clock);

        Assert.Multiple(() =>
        {
            Assert.That(budget.TrySpend(60), Is.EqualTo(TimeSpan.Zero));
            Assert.That(budget.TrySpend(40), Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void TrySpend_OverTheBudget_WaitsUntilEnoughOldSpendingLeavesTheMinute()
    {
        var budget = new CharacterBudget(100, _clock);
        budget.TrySpend(60);
        _clock.Advance(TimeSpan.FromSeconds(10));
        budget.TrySpend(30);
        _clock.Advance(TimeSpan.FromSeconds(10));

        TimeSpan wait = budget.TrySpend(30);
        _clock.Advance(wait - TimeSpan.FromTicks(1));
        TimeSpan stillWaiting = budget.TrySpend(30);
        _clock.Advance(TimeSpan.FromTicks(1));

        Assert.Multiple(() =>
        {
            Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(40)), "the 60 spent at 0:00 leave at 1:00");
            Assert.That(stillWaiting, Is.EqualTo(TimeSpan.FromTicks(1)));
            Assert.That(budget.TrySpend(30), Is.EqualTo(TimeSpan.Zero));
            Assert.That(budget.TrySpend(41), Is.EqualTo(TimeSpan.FromSeconds(10)), "30 + 30 in the minute; the first 30 leave at 1:10");
        });
    }

    [Test]
    public void TrySpend_RequestLargerThanTheBudget_GoesOnceTheMinuteIsEmpty()
    {
        var budget = new CharacterBudget(100, _clock);
        budget.TrySpend(10);
        _clock.Advance(TimeSpan.FromSeconds(5));

        TimeSpan wait = budget.TrySpend(150);
        _clock.Advance(wait);

        Assert.Multiple(() =>
        {
            Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(55)));
            Assert.That(budget.TrySpend(150), Is.EqualTo(TimeSpan.Zero), "an empty minute lets any request through");
            Assert.That(budget.TrySpend(1), Is.EqualTo(TimeSpan.FromMinutes(1)), "and then the minute is over-full");
        });
    }

    [Test]
    public void PauseUntil_HoldsEveryRequestTillThen()
    {
        var budget = new CharacterBudget(100, _clock);
        budget.PauseUntil(_clock.GetUtcNow() + TimeSpan.FromSeconds(7));

        TimeSpan wait = budget.TrySpend(1);
        _clock.Advance(wait);

        Assert.Multiple(() =>
        {
            Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(budget.TrySpend(1), Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public async Task WaitAsync_ManyRandomRequests_NeverExceedTheBudgetInAnySlidingMinute()
    {
        var clock = new JumpingTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        var budget = new CharacterBudget(10_000, clock);
        var random = new Random(3);
        var sent = new List<(DateTimeOffset At, long Characters)>();

        for (int i = 0; i < 300; i++)
        {
            long characters = random.Next(1, 4_000);
            await budget.WaitAsync(characters);
            sent.Add((clock.GetUtcNow(), characters));
        }

        long worst = sent.Max(s => sent.Where(o => o.At <= s.At && s.At - o.At < TimeSpan.FromMinutes(1)).Sum(o => o.Characters));
        long total = sent.Sum(s => s.Characters);
        Assert.Multiple(() =>
        {
            Assert.That(worst, Is.LessThanOrEqualTo(10_000));
            // Each minute lets through at least the budget less one request (what may not fit any more).
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes((total / 6_000.0) + 1)), "no needless waiting");
        });
    }

    [Test]
    public void WaitAsync_Cancelled_StopsWaiting()
    {
        var budget = new CharacterBudget(100, _clock);
        budget.TrySpend(100);
        using var cancellation = new CancellationTokenSource();

        ValueTask wait = budget.WaitAsync(50, cancellation.Token);
        cancellation.Cancel();

        Assert.That(async () => await wait, Throws.InstanceOf<OperationCanceledException>());
    }
}
