using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ArticlePipeline.Testing.Translator;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.Translation.Tests;

/// <summary>The loopback Translator itself, driven with a plain HttpClient: the contract the other tests rely on.</summary>
[TestFixture]
public sealed class LoopbackTranslatorTests
{
    private static readonly HttpClient Http = new();

    private LoopbackTranslator _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackTranslator.StartAsync(TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Translate_ValidRequest_AnswersPrefixedTextsMeteredUsageAndRequestId()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&from=vi&to=uk&to=th", ["Xin chào", "😀 vui"]);

        using JsonDocument body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(response, "X-Metered-Usage"), Is.EqualTo(((8 + 6) * 2).ToString(CultureInfo.InvariantCulture)));
            Assert.That(Header(response, "X-RequestId"), Is.Not.Empty);
            Assert.That(body.RootElement[1].GetProperty("translations")[1].GetProperty("text").GetString(), Is.EqualTo("[th] 😀 vui"));
            Assert.That(body.RootElement[0].TryGetProperty("detectedLanguage", out _), Is.False);
            Assert.That(_server.BilledCharacters, Is.EqualTo(28));
        });
    }

    [Test]
    public async Task Translate_Html_KeepsMarkupAndNotranslateContent()
    {
        const string text = "Ông <span class=\"notranslate\">Nguyễn Văn A</span> phát biểu <b>tại</b> hội nghị.";

        using HttpResponseMessage response = await PostAsync("?api-version=3.0&from=vi&to=ru&textType=html", [text]);

        using JsonDocument body = await ReadJsonAsync(response);
        Assert.That(body.RootElement[0].GetProperty("translations")[0].GetProperty("text").GetString(), Is.EqualTo("[ru] " + text));
    }

    [TestCase("?from=vi&to=uk", 400, TranslatorErrorCodes.InvalidApiVersion)]
    [TestCase("?api-version=2.0&to=uk", 400, TranslatorErrorCodes.InvalidApiVersion)]
    [TestCase("?api-version=3.0&from=vi", 400, TranslatorErrorCodes.InvalidTargetLanguage)]
    [TestCase("?api-version=3.0&from=vi&to=uk&to=klingon", 400, TranslatorErrorCodes.InvalidTargetLanguage)]
    [TestCase("?api-version=3.0&from=klingon&to=uk", 400, TranslatorErrorCodes.InvalidSourceLanguage)]
    [TestCase("?api-version=3.0&to=uk&textType=markdown", 400, TranslatorErrorCodes.InvalidTextType)]
    public async Task Translate_InvalidQuery_AnswersTheServiceErrorCode(string query, int status, int code)
    {
        using HttpResponseMessage response = await PostAsync(query, ["Xin chào"]);

        await AssertErrorAsync(response, status, code);
    }

    [Test]
    public async Task Translate_WrongKey_Answers401000()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk", ["Xin chào"], key: "nope");

        await AssertErrorAsync(response, 401, TranslatorErrorCodes.Unauthorized);
    }

    [Test]
    public async Task Translate_RequiredRegionMissing_Answers401000()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, Region = "southeastasia" });

        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk", ["Xin chào"], endpoint: server.Endpoint);

        await AssertErrorAsync(response, 401, TranslatorErrorCodes.Unauthorized);
    }

    [Test]
    public async Task Translate_NotJson_Answers400074()
    {
        using var content = new StringContent("[{\"text\":", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await SendAsync("?api-version=3.0&to=uk", content);

        await AssertErrorAsync(response, 400, TranslatorErrorCodes.InvalidJson);
    }

    [Test]
    public async Task Translate_MoreThanAThousandElements_Answers400077()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk", [.. Enumerable.Repeat("a", 1_001)]);

        await AssertErrorAsync(response, 400, TranslatorErrorCodes.TooManyElements);
    }

    [Test]
    public async Task Translate_CharactersTimesTargetsAbove50000_Answers400050()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk&to=ru&to=ro&to=th", [new string('a', 12_501)]);

        await AssertErrorAsync(response, 400, TranslatorErrorCodes.TextTooLong);
    }

    [Test]
    public async Task Translate_ExactlyAtTheCharacterLimit_IsAccepted()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk&to=ru&to=ro&to=th", [new string('a', 6_250), new string('b', 6_250)]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Translate_OneElementAbove50000_Answers400050()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk", [new string('a', 50_001)]);

        await AssertErrorAsync(response, 400, TranslatorErrorCodes.TextTooLong);
    }

    [Test]
    public async Task FailNext_AnswersTheFaultThenRecovers()
    {
        _server.FailNext(2, 503, TranslatorErrorCodes.ServiceUnavailable, TimeSpan.FromMilliseconds(1_500));

        using HttpResponseMessage first = await PostAsync("?api-version=3.0&to=uk", ["a"]);
        using HttpResponseMessage second = await PostAsync("?api-version=3.0&to=uk", ["a"]);
        using HttpResponseMessage third = await PostAsync("?api-version=3.0&to=uk", ["a"]);

        await AssertErrorAsync(first, 503, TranslatorErrorCodes.ServiceUnavailable);
        Assert.Multiple(() =>
        {
            Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)), "whole seconds, rounded up");
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_server.Requests.Select(r => r.ErrorCode), Is.EqualTo(new int?[] { 503000, 503000, null }));
        });
    }

    [Test]
    public async Task CharacterBudget_Exceeded_Answers429001WithRetryAfterUntilTheMinuteEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, CharactersPerMinute = 100, TimeProvider = clock });

        using HttpResponseMessage first = await PostAsync("?api-version=3.0&to=uk&to=ru", [new string('a', 40)], endpoint: server.Endpoint);
        clock.Advance(TimeSpan.FromSeconds(15));
        using HttpResponseMessage second = await PostAsync("?api-version=3.0&to=uk&to=ru", [new string('a', 20)], endpoint: server.Endpoint);
        clock.Advance(TimeSpan.FromSeconds(45));
        using HttpResponseMessage third = await PostAsync("?api-version=3.0&to=uk&to=ru", [new string('a', 20)], endpoint: server.Endpoint);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertErrorAsync(second, 429, TranslatorErrorCodes.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(second.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(45)));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a new minute, a new budget");
            Assert.That(server.BilledCharacters, Is.EqualTo(80 + 40));
        });
    }

    [Test]
    public async Task CharacterBudget_IsASlidingMinute_NotAFixedOne()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, CharactersPerMinute = 100, TimeProvider = clock });

        using HttpResponseMessage first = await PostAsync("?api-version=3.0&to=uk", [new string('a', 80)], endpoint: server.Endpoint);
        clock.Advance(TimeSpan.FromSeconds(50));
        using HttpResponseMessage second = await PostAsync("?api-version=3.0&to=uk", [new string('a', 20)], endpoint: server.Endpoint);
        clock.Advance(TimeSpan.FromSeconds(11));
        using HttpResponseMessage third = await PostAsync("?api-version=3.0&to=uk", [new string('a', 90)], endpoint: server.Endpoint);
        using HttpResponseMessage fourth = await PostAsync("?api-version=3.0&to=uk", [new string('a', 80)], endpoint: server.Endpoint);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertErrorAsync(third, 429, TranslatorErrorCodes.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(third.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(49)), "the 20 sent at 0:50 leave at 1:50");
            Assert.That(fourth.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the 80 sent at 0:00 have left");
        });
    }

    [Test]
    public async Task CharacterBudget_RequestLargerThanTheBudget_IsRefusedEvenWhenIdle()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, CharactersPerMinute = 100, TimeProvider = clock });

        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk&to=ru", [new string('a', 51)], endpoint: server.Endpoint);

        await AssertErrorAsync(response, 429, TranslatorErrorCodes.TooManyRequests);
    }

    [Test]
    public async Task UpperCaseTranslations_Plain_UpperCasesTheText()
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, UpperCaseTranslations = true });

        using HttpResponseMessage response = await PostAsync("?api-version=3.0&to=uk", ["Xin chào & tạm biệt"], endpoint: server.Endpoint);

        using JsonDocument body = await ReadJsonAsync(response);
        Assert.That(body.RootElement[0].GetProperty("translations")[0].GetProperty("text").GetString(), Is.EqualTo("[uk] XIN CHÀO & TẠM BIỆT"));
    }

    [TestCase("Ông <span class=\"notranslate\">Nguyễn Văn A</span> nói <b>tại</b> hội nghị &amp; xem &lt;tin&gt;.",
        "[ru] ÔNG <span class=\"notranslate\">Nguyễn Văn A</span> NÓI <b>TẠI</b> HỘI NGHỊ &amp; XEM &lt;TIN&gt;.")]
    [TestCase("Giá <span class=notranslate>6,5 tấn/ha &amp; 30%</span> tăng",
        "[ru] GIÁ <span class=notranslate>6,5 tấn/ha &amp; 30%</span> TĂNG")]
    [TestCase("<span class=notranslate>a <span>b</span> c</span> d <span>e</span>",
        "[ru] <span class=notranslate>a <span>b</span> c</span> D <span>E</span>")]
    [TestCase("Tom & Jerry", "[ru] TOM & JERRY")]
    public async Task UpperCaseTranslations_Html_KeepsMarkupEntitiesAndNotranslateContent(string text, string expected)
    {
        await using LoopbackTranslator server = await LoopbackTranslator.StartAsync(
            TestTranslator.Key, new LoopbackTranslatorOptions { ScriptedTranslations = false, UpperCaseTranslations = true });

        using HttpResponseMessage response = await PostAsync("?api-version=3.0&from=vi&to=ru&textType=html", [text], endpoint: server.Endpoint);

        using JsonDocument body = await ReadJsonAsync(response);
        Assert.That(body.RootElement[0].GetProperty("translations")[0].GetProperty("text").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Requests_LogQueryHeadersAndBody()
    {
        using HttpResponseMessage response = await PostAsync("?api-version=3.0&from=vi&to=uk&to=ro", ["Một", "Hai"]);

        LoopbackTranslatorRequest request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Sequence, Is.EqualTo(1));
            Assert.That(request.QueryValues("to"), Is.EqualTo(new[] { "uk", "ro" }));
            Assert.That(request.Header("ocp-apim-subscription-key"), Is.EqualTo(TestTranslator.Key));
            Assert.That(request.Texts, Is.EqualTo(new[] { "Một", "Hai" }));
            Assert.That(request.Body, Does.StartWith("[{\"Text\":"));
            Assert.That(request.StatusCode, Is.EqualTo(200));
        });
    }

    private Task<HttpResponseMessage> PostAsync(string query, string[] texts, string key = TestTranslator.Key, Uri? endpoint = null)
    {
        string json = JsonSerializer.Serialize(texts.Select(t => new Dictionary<string, string> { ["Text"] = t }));
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        return SendAsync(query, content, key, endpoint);
    }

    private async Task<HttpResponseMessage> SendAsync(string query, HttpContent content, string key = TestTranslator.Key, Uri? endpoint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint ?? _server.Endpoint, "/translate" + query)) { Content = content };
        request.Headers.Add("Ocp-Apim-Subscription-Key", key);
        return await Http.SendAsync(request);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, int code)
    {
        using JsonDocument body = await ReadJsonAsync(response);
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(error.GetProperty("code").ValueKind, Is.EqualTo(JsonValueKind.Number), "the code is numeric");
            Assert.That(error.GetProperty("code").GetInt32(), Is.EqualTo(code));
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        });
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;
}
