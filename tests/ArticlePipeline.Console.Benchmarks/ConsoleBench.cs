using System.Diagnostics;
using System.Globalization;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.OperatorConsole.Composition;
using ArticlePipeline.State.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.OperatorConsole.Benchmarks;

/// <summary>The console on Kestrel over the filled store, and the timing of each page over HTTP.</summary>
internal sealed class ConsoleBench : IAsyncDisposable
{
    private const int Warmup = 5;
    private const int Rounds = 60;

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private ConsoleBench(WebApplication app, Uri baseUrl)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = baseUrl };
    }

    public static async Task<ConsoleBench> StartAsync(string root, BenchStore store)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var state = store.Options();
        builder.Configuration["State:Provider"] = state.Provider;
        builder.Configuration["State:ConnectionString"] = state.ConnectionString;
        builder.Configuration["State:Schema"] = state.Schema;
        builder.Services.AddArticleState(_ => root);
        builder.Services.AddOperatorConsole(options =>
        {
            options.OutputDirectory = root;
            options.Sources = [.. Enumerable.Range(0, BenchStore.Sources).Select(i => new SourceDefinition
            {
                Id = BenchStore.SourceId(i),
                Name = "Báo " + i.ToString(CultureInfo.InvariantCulture),
                HomeUrl = $"https://{BenchStore.SourceId(i)}.example.vn/",
            })];
            options.MonthlyCharacterBudget = 10_000_000;
        });
        WebApplication app = builder.Build();
        app.MapOperatorConsole();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ConsoleBench(app, new Uri(address + "/"));
    }

    public async Task RunAsync(BenchStore store)
    {
        int pages = (store.Records + 49) / 50;
        var cases = new (string Name, Func<int, string> Path)[]
        {
            ("stylesheet (HTTP floor)", _ => "console/console.css"),
            ("sources", _ => "console/sources"),
            ("translation", _ => "console/translation"),
            ("records, page 1", _ => "console/records"),
            ($"records, page {pages - 1} of {pages}", _ => $"console/records?page={pages - 1}"),
            ("records of one source, page 20", _ => $"console/records?source={BenchStore.SourceId(7)}&page=20"),
            ("search, one title", n => "console/records?q=" + Uri.EscapeDataString($"Bài số {(n * 7919) % store.Records}:")),
            ("search, 200 titles", n => "console/records?q=" + Uri.EscapeDataString($"xã {n % 500} thu")),
            ("search, every title", _ => "console/records?q=" + Uri.EscapeDataString("thu hoạch")),
            ("search, no match", _ => "console/records?q=zzz-nothing"),
            ("article (12 blocks x 5 languages)", n => $"console/records/{store.Files[n % store.Files.Count].Source}/{store.Files[n % store.Files.Count].Id}"),
            ("sources as JSON", _ => "console/sources?json"),
        };

        double floor = 0;
        Console.WriteLine($"{"page",-40} {"median ms",10} {"p95 ms",10} {"x floor",8}  (of {Rounds} requests, {Warmup} warm-up)");
        foreach ((string name, Func<int, string> path) in cases)
        {
            bool json = name.EndsWith("JSON", StringComparison.Ordinal);
            for (int n = 0; n < Warmup; n++)
            {
                await GetAsync(path(n).Replace("?json", "", StringComparison.Ordinal), json);
            }

            var times = new double[Rounds];
            for (int n = 0; n < Rounds; n++)
            {
                long start = Stopwatch.GetTimestamp();
                await GetAsync(path(n).Replace("?json", "", StringComparison.Ordinal), json);
                times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            double median = times[Rounds / 2];
            double p95 = times[(int)Math.Ceiling(Rounds * 0.95) - 1];
            floor = floor == 0 ? median : floor;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {median,10:F2} {p95,10:F2} {median / floor,8:F1}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task GetAsync(string path, bool json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        using HttpResponseMessage response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
