using ArticlePipeline.Core.Model;
using Microsoft.Extensions.Time.Testing;

namespace ArticlePipeline.State.Tests;

/// <summary>
/// The state store contract (issue 6): every provider runs these same tests against a fresh, empty store per test.
/// A subclass says where a store lives; the tests open it through <see cref="StateStoreFactory"/>.
/// </summary>
public abstract partial class StateStoreContractTests
{
    private readonly List<IPipelineStateStore> _opened = [];

    /// <summary>The test's clock; every store opened by <see cref="OpenAsync"/> uses it unless told otherwise.</summary>
    protected FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>The options opening this test's store.</summary>
    protected abstract StateOptions Options { get; }

    /// <summary>The output folder handed to the factory.</summary>
    protected abstract string OutputDirectory { get; }

    /// <summary>What a lease worker process is given: provider, connection string and, for PostgreSQL, the schema.</summary>
    protected abstract (string Provider, string ConnectionString, string? Schema) WorkerArguments { get; }

    [SetUp]
    public async Task CreateFreshStoreLocation()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.Zero));
        await CreateLocationAsync();
    }

    [TearDown]
    public async Task DisposeStoresAndLocation()
    {
        foreach (IPipelineStateStore store in _opened)
        {
            await store.DisposeAsync();
        }

        _opened.Clear();
        await DeleteLocationAsync();
    }

    /// <summary>Prepares an empty place for this test's store (a folder, a schema name).</summary>
    protected abstract Task CreateLocationAsync();

    /// <summary>Runs SQL against the store's tables as another program would (a damaged row); <c>{t}</c> is the table prefix.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>Removes what <see cref="CreateLocationAsync"/> made and anything stored there.</summary>
    protected abstract Task DeleteLocationAsync();

    /// <summary>Opens (creating or migrating) this test's store; it is disposed after the test.</summary>
    protected async Task<IPipelineStateStore> OpenAsync(TimeProvider? time = null)
    {
        IPipelineStateStore store = await StateStoreFactory.OpenAsync(Options, OutputDirectory, time ?? Time);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    private static WorkItem Item(string key) => new(key, "vnexpress", new Uri("https://example.vn/" + key));

    private static TranslationMemoryKey TmKey(int segment, string to = "uk", string provider = "azure") =>
        new("sha256:" + segment.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), "vi", to, provider);
}
