using System.Diagnostics;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Client;
using Azure;

namespace ArticlePipeline.Translation.Tests.Client;

[TestFixture]
public sealed class TranslatorClientRetryTests
{
    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TranslateAsync_429WithRetryAfter_WaitsAndRetries()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        _server.FailNext(1, 429, TranslatorErrorCodes.TooManyRequests, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        clock.Stop();
        IReadOnlyList<LoopbackTranslatorRequest> requests = _server.Requests;
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 429, 200 }));
            Assert.That(response.Value.Single().Translations.Single().Text, Is.EqualTo("[uk] Xin chào"));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "Retry-After: 1 honoured");
            Assert.That(requests[1].Header("X-ClientTraceId"), Is.EqualTo(requests[0].Header("X-ClientTraceId")), "one logical call");
            Assert.That(requests[1].Header("Ocp-Apim-Subscription-Key"), Is.EqualTo(TestTranslator.Key));
        });
    }

    [Test]
    public async Task TranslateAsync_500Twice_ThenSucceeds()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        _server.FailNext(2, 500, TranslatorErrorCodes.InternalError);

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 500, 500, 200 }));
            Assert.That(response.Value.Single().Translations.Single().Text, Is.EqualTo("[uk] Xin chào"));
        });
    }

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task TranslateAsync_TransientStatus_IsRetried(int status)
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        _server.FailNext(1, status, status * 1000);

        await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        Assert.That(_server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { status, 200 }));
    }

    [TestCase(400, 400036)]
    [TestCase(401, 401000)]
    [TestCase(403, 403001)]
    public void TranslateAsync_PermanentStatus_IsNotRetried(int status, int code)
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        _server.FailNext(1, status, code);

        RequestFailedException ex = Assert.ThrowsAsync<RequestFailedException>(() => client.TranslateAsync(["uk"], ["Xin chào"], "vi"))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Status, Is.EqualTo(status));
            Assert.That(ex.ErrorCode, Is.EqualTo(code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void TranslateAsync_503BeyondMaxRetries_ThrowsAfterMaxRetriesPlusOneAttempts()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint, maxRetries: 2);
        _server.FailNext(5, 503, TranslatorErrorCodes.ServiceUnavailable);

        RequestFailedException ex = Assert.ThrowsAsync<RequestFailedException>(() => client.TranslateAsync(["uk"], ["Xin chào"], "vi"))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Status, Is.EqualTo(503));
            Assert.That(ex.ErrorCode, Is.EqualTo("503000"));
            Assert.That(_server.Requests, Has.Count.EqualTo(3));
        });
    }
}
