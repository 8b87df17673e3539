using System.Globalization;
using ArticlePipeline.Core.Model;
using ArticlePipeline.State;

// Usage: ArticlePipeline.State.LeaseWorker provider connectionString owner outputFile [schema]
// Opens the store, prints "ready", waits for a line on stdin (so every worker starts leasing at the same moment),
// then leases and completes items until the queue is empty. The output file gets "leased KEY ATTEMPT" for every
// lease and "completed KEY" for every successful complete; the last line is "done".
if (args.Length is < 4 or > 5)
{
    await Console.Error.WriteLineAsync("usage: ArticlePipeline.State.LeaseWorker provider connectionString owner outputFile [schema]");
    return 2;
}

var options = new StateOptions { Provider = args[0], ConnectionString = args[1] };
if (args.Length == 5)
{
    options.Schema = args[4];
}

string owner = args[2];
await using IPipelineStateStore store = await StateStoreFactory.OpenAsync(options, Path.GetTempPath());
await using var output = new StreamWriter(args[3]) { AutoFlush = false };
Console.WriteLine("ready");
await Console.In.ReadLineAsync();

int completed = 0;
var idle = TimeSpan.FromMilliseconds(20);
while (true)
{
    WorkLease? lease = await store.TryLeaseAsync(owner, TimeSpan.FromMinutes(5));
    if (lease is null)
    {
        // Nothing available: either all done, or the other worker still holds leases it will complete.
        if (await store.CountAsync() == 0)
        {
            break;
        }

        await Task.Delay(idle);
        continue;
    }

    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"leased {lease.Item.Key} {lease.Attempt}"));

    // A moment of "work" outside any lock, as a real worker has: the other process gets the store's write lock
    // (SQLite's busy handler backs off, so without this one process can take almost every item).
    await Task.Delay(1);
    if (await store.CompleteAsync(lease))
    {
        await output.WriteLineAsync("completed " + lease.Item.Key);
        completed++;
    }
}

await output.WriteLineAsync("done");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{owner} completed {completed}"));
return 0;
