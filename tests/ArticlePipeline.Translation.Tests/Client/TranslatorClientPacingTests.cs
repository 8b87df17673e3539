using System.Diagnostics;
using ArticlePipeline.Testing.Logging;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Client;
using Azure;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Translation.Tests.Client;

/// <summary>The client's character budget and retries, on a virtual clock shared with the loopback server.</summary>
[TestFixture]
public sealed class TranslatorClientPacingTests
{
    private JumpingTimeProvider _clock = null!;
    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _clock = new JumpingTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        _server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, CharactersPerMinute = 1_000, TimeProvider = _clock });
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_BudgetMatchingTheServers_WaitsInsteadOfDrawing429()
    {
        TranslatorClient client = Client(charactersPerMinute: 1_000);

        for (int i = 0; i < 10; i++)
        {
            await client.TranslateAsync(["uk"], [new string('a', 300)], "vi");
        }

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200));
            Assert.That(_clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(3)), "three requests of 300 a minute: 0:00, 1:00, 2:00, 3:00");
        });
    }

    [Test]
    public async Task TranslateAsync_WithoutPacing_Draws429AndRetriesAfterRetryAfterOnTheClock()
    {
        TranslatorClient client = Client(charactersPerMinute: 0, maxRetries: 5);
        var wall = Stopwatch.StartNew();

        for (int i = 0; i < 4; i++)
        {
            await client.TranslateAsync(["uk"], [new string('a', 300)], "vi");
        }

        wall.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 200, 200, 200, 429, 200 }));
            Assert.That(_server.Requests[3].ErrorCode, Is.EqualTo(TranslatorErrorCodes.TooManyRequests));
            Assert.That(_clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(1)), "Retry-After honoured on the clock");
            Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "not on the wall clock");
        });
    }

    [Test]
    public async Task TranslateAsync_BudgetAboveTheServers_A429PausesThePacingAndIsLogged()
    {
        var loggers = new CollectingLoggers();
        TranslatorClient client = Client(charactersPerMinute: 2_000, maxRetries: 5, loggers);

        for (int i = 0; i < 5; i++)
        {
            await client.TranslateAsync(["uk"], [new string('a', 300)], "vi");
        }

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.StatusCode), Does.Contain(429), "the server's budget is smaller than ours");
            Assert.That(
                loggers.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message),
                Has.Some.StartsWith("Translator answered 429 (too many requests): requests paused for"));
        });
    }

    [Test]
    public async Task TranslateAsync_503WithRetryAfter_WaitsOnTheClockNotTheWall()
    {
        TranslatorClient client = Client(charactersPerMinute: 1_000);
        _server.FailNext(1, 503, TranslatorErrorCodes.ServiceUnavailable, TimeSpan.FromSeconds(30));
        var wall = Stopwatch.StartNew();

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Single().Translations.Single().Text, Is.EqualTo("[uk] Xin chào"));
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 503, 200 }));
            Assert.That(_clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        });
    }

    private TranslatorClient Client(long charactersPerMinute, int maxRetries = 3, ILoggerFactory? loggers = null)
    {
        TranslatorClientOptions options = TestTranslator.FastOptions(maxRetries);
        options.CharactersPerMinute = charactersPerMinute;
        options.TimeProvider = _clock;
        options.Loggers = loggers;
        return new TranslatorClient(_server.Endpoint, new AzureKeyCredential(TestTranslator.Key), options: options);
    }
}
