using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Fakes;

/// <summary>Answers every fetch with the outcome the test set, and remembers the calls.</summary>
internal sealed class FakePageFetcher : IPageFetcher
{
    public Func<Uri, FetchOutcome> Answer { get; set; } = url => FetchOutcome.Fetched(url, Page(url, "<html></html>"));

    public List<(Uri Url, FetchValidators? Validators, FetchPurpose Purpose)> Calls { get; } = [];

    public static FetchedPage Page(Uri url, string html) =>
        new(new PageContent(url, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"), 200, "\"v1\"", null, new DateTimeOffset(2025, 6, 23, 1, 0, 0, TimeSpan.Zero));

    public Task<FetchOutcome> FetchAsync(Uri url, FetchValidators? validators = null, FetchPurpose purpose = FetchPurpose.Article, CancellationToken cancellationToken = default)
    {
        Calls.Add((url, validators, purpose));
        return Task.FromResult(Answer(url));
    }
}
