using ArticlePipeline.State.Composition;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.State.Tests;

/// <summary>The store as the container registers it: the State section checked at start, migrations logged.</summary>
[TestFixture]
public sealed class StateCompositionTests
{
    [Test]
    public async Task Resolve_NewSqliteStore_IsGuardedAndItsMigrationIsLogged()
    {
        using var folder = new TempDirectory();
        var loggers = new CollectingLoggers();
        await using ServiceProvider services = Services(loggers, ("State:Provider", "sqlite"));

        IPipelineStateStore store = services.GetRequiredService<IPipelineStateStore>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store, Is.InstanceOf<StorageFullGuard>(), "a full disk stops the pass instead of failing one article");
            Assert.That(store.SchemaVersionFound, Is.Zero);
            Assert.That(services.GetRequiredService<Core.Abstractions.IStateStore>(), Is.SameAs(store));
            Assert.That(loggers.Lines.Select(l => l.Message), Has.One.EqualTo($"state store (sqlite): schema migrated from version 0 to {store.SchemaVersion}"));
        }

        ServiceProvider Services(CollectingLoggers logs, params (string Key, string Value)[] values)
        {
            var collection = new ServiceCollection();
            collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());
            collection.AddSingleton<ILoggerFactory>(logs);
            collection.AddArticleState(_ => folder.Path);
            return collection.BuildServiceProvider();
        }
    }

    [TestCase("mysql", "State:Provider must be 'sqlite' or 'postgres', not 'mysql'")]
    [TestCase("postgres", "State:Provider is postgres but State:ConnectionString is empty")]
    public void Validate_StateTheStoreCannotOpen_IsRefusedAtStart(string provider, string expected)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("State:Provider", provider)]).Build());
        collection.AddArticleState(_ => "unused");
        using ServiceProvider services = collection.BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate())!;

        Assert.That(error.Failures, Has.Some.EqualTo(expected));
    }
}
