using System.Text.Json;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Client;
using Azure;

namespace ArticlePipeline.Translation.Tests.Client;

[TestFixture]
public sealed class TranslatorClientTests
{
    private LoopbackTranslator _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false });

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [SetUp]
    public void ClearLog() => _server.ClearRequests();

    [Test]
    public async Task TranslateAsync_SendsKeyRegionTraceIdAndJsonContentType()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint, region: "southeastasia");

        await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Header("Ocp-Apim-Subscription-Key"), Is.EqualTo(TestTranslator.Key));
            Assert.That(request.Header("Ocp-Apim-Subscription-Region"), Is.EqualTo("southeastasia"));
            Assert.That(Guid.TryParse(request.Header("X-ClientTraceId"), out _), Is.True, "X-ClientTraceId is a GUID");
            Assert.That(request.Header("Content-Type"), Is.EqualTo("application/json; charset=UTF-8"));
            Assert.That(request.Header("Accept"), Is.EqualTo("application/json"));
            Assert.That(request.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task TranslateAsync_WithoutRegion_SendsNoRegionHeader()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        await client.TranslateAsync(["uk"], ["Xin chào"], "vi");

        Assert.That(_server.Requests.Single().Header("Ocp-Apim-Subscription-Region"), Is.Null);
    }

    [Test]
    public async Task TranslateAsync_EachCall_GetsANewClientTraceId()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        await client.TranslateAsync(["uk"], ["một"], "vi");
        await client.TranslateAsync(["uk"], ["hai"], "vi");

        string?[] ids = [.. _server.Requests.Select(r => r.Header("X-ClientTraceId"))];
        Assert.That(ids, Has.Length.EqualTo(2).And.Unique.And.None.Null);
    }

    [Test]
    public async Task TranslateAsync_BuildsQueryWithApiVersionFromRepeatedToAndTextType()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        await client.TranslateAsync(["uk", "ru", "ro", "th"], ["<b>Xin chào</b>"], "vi", TextType.Html);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/translate"));
            Assert.That(request.QueryValues("api-version"), Is.EqualTo(new[] { "3.0" }));
            Assert.That(request.QueryValues("from"), Is.EqualTo(new[] { "vi" }));
            Assert.That(request.QueryValues("to"), Is.EqualTo(new[] { "uk", "ru", "ro", "th" }));
            Assert.That(request.QueryValues("textType"), Is.EqualTo(new[] { "html" }));
            Assert.That(request.QueryString, Is.EqualTo("?api-version=3.0&from=vi&to=uk&to=ru&to=ro&to=th&textType=html"));
        });
    }

    [Test]
    public async Task TranslateAsync_PlainTextWithoutSource_OmitsFromAndTextType()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        await client.TranslateAsync(["uk"], ["Xin chào"]);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.That(request.QueryString, Is.EqualTo("?api-version=3.0&to=uk"));
    }

    [Test]
    public async Task TranslateAsync_Body_IsAnArrayOfTextObjectsInRawUtf8()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        string[] texts = ["Sáng 23/6, UBND tỉnh An Giang họp.", "Đường \"Tôn Đức Thắng\" <mới>", "Привіт, สวัสดี"];

        await client.TranslateAsync(["uk"], texts, "vi");

        LoopbackTranslatorRequest request = _server.Requests.Single();
        using var body = JsonDocument.Parse(request.Body);
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(body.RootElement.EnumerateArray().Select(e => e.EnumerateObject().Single().Name), Is.All.EqualTo("text"));
            Assert.That(body.RootElement.EnumerateArray().Select(e => e.GetProperty("text").GetString()), Is.EqualTo(texts));
            Assert.That(request.Body, Does.Contain("Sáng 23/6, UBND tỉnh An Giang họp."), "non-ASCII letters go out unescaped");
            Assert.That(request.Body, Does.Contain("สวัสดี"));
        });
    }

    [Test]
    public async Task TranslateAsync_ParsesTranslationsInInputAndTargetOrder()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["uk", "th"], ["một", "hai"], "vi");

        IReadOnlyList<TranslatedTextItem> items = response.Value;
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(items[0].DetectedLanguage, Is.Null, "from was given");
            Assert.That(items[0].Translations.Select(t => (t.To, t.Text)), Is.EqualTo(new[] { ("uk", "[uk] một"), ("th", "[th] một") }));
            Assert.That(items[1].Translations.Select(t => (t.To, t.Text)), Is.EqualTo(new[] { ("uk", "[uk] hai"), ("th", "[th] hai") }));
        });
    }

    [Test]
    public async Task TranslateAsync_WithoutSource_ParsesDetectedLanguage()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["ru"], ["Xin chào"]);

        DetectedLanguage? detected = response.Value.Single().DetectedLanguage;
        Assert.That(detected, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(detected!.Language, Is.EqualTo("vi"));
            Assert.That(detected.Confidence, Is.EqualTo(1.0f));
        });
    }

    [Test]
    public async Task TranslateAsync_ExposesMeteredUsageAndRequestId()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        string[] texts = ["Sáng 23/6", "สวัสดี 😀"];

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(["uk", "ru", "th"], texts, "vi");

        Response raw = response.GetRawResponse();
        Assert.Multiple(() =>
        {
            Assert.That(raw.GetMeteredUsage(), Is.EqualTo(texts.Sum(t => t.Length) * 3));
            Assert.That(raw.GetRequestId(), Does.Contain(".LOOP."));
            Assert.That(raw.Status, Is.EqualTo(200));
        });
    }

    [Test]
    public void TranslateAsync_TooManyElements_ErrorCodeIsTheNumericServiceCode()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        string[] texts = [.. Enumerable.Range(0, 1_001).Select(i => "x" + i)];

        RequestFailedException ex = Assert.ThrowsAsync<RequestFailedException>(() => client.TranslateAsync(["uk"], texts, "vi"))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Status, Is.EqualTo(400));
            Assert.That(ex.ErrorCode, Is.EqualTo("400077"));
            Assert.That(ex.Message, Does.StartWith("The maximum number of array elements has been exceeded."));
            Assert.That(_server.Requests, Has.Count.EqualTo(1), "400 is not retried");
        });
    }

    [Test]
    public void TranslateAsync_InvalidTarget_Reports400036WithoutRetry()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        RequestFailedException ex = Assert.ThrowsAsync<RequestFailedException>(() => client.TranslateAsync(["xx-nope"], ["Xin chào"], "vi"))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.ErrorCode, Is.EqualTo("400036"));
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void TranslateAsync_WrongKey_Throws401WithoutRetry()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint, key: "not-the-key");

        RequestFailedException ex = Assert.ThrowsAsync<RequestFailedException>(() => client.TranslateAsync(["uk"], ["Xin chào"], "vi"))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Status, Is.EqualTo(401));
            Assert.That(ex.ErrorCode, Is.EqualTo("401000"));
            Assert.That(_server.Requests, Has.Count.EqualTo(1), "401 is not retried");
        });
    }

    [Test]
    public void TranslateAsync_CancelledBeforeSending_ThrowsOperationCanceled()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.That(
            async () => await client.TranslateAsync(["uk"], ["Xin chào"], "vi", cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void TranslateAsync_NoTargets_ThrowsArgumentException()
    {
        TranslatorClient client = TestTranslator.CreateClient(_server.Endpoint);

        Assert.That(async () => await client.TranslateAsync([], ["Xin chào"]), Throws.ArgumentException);
    }

    [TestCase("https://api.cognitive.microsofttranslator.com", "https://api.cognitive.microsofttranslator.com/translate")]
    [TestCase("https://api.cognitive.microsofttranslator.com/", "https://api.cognitive.microsofttranslator.com/translate")]
    [TestCase("https://my-res.cognitiveservices.azure.com", "https://my-res.cognitiveservices.azure.com/translator/text/v3.0/translate")]
    [TestCase("https://my-res.cognitiveservices.azure.com/", "https://my-res.cognitiveservices.azure.com/translator/text/v3.0/translate")]
    [TestCase("https://my-res.cognitiveservices.azure.com/translator/text/v3.0/", "https://my-res.cognitiveservices.azure.com/translator/text/v3.0/translate")]
    [TestCase("http://127.0.0.1:5123", "http://127.0.0.1:5123/translate")]
    [TestCase("http://127.0.0.1:5123/proxy/", "http://127.0.0.1:5123/proxy/translate")]
    public void BuildTranslateUri_AddsThePathPrefixOnlyForCustomSubdomains(string endpoint, string expected)
    {
        Assert.That(TranslatorClient.BuildTranslateUri(new Uri(endpoint)).ToUri(), Is.EqualTo(new Uri(expected)));
    }
}
