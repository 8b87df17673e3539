using ArticlePipeline.Cli;
using ArticlePipeline.Core.Text;

// Legacy code pages (windows-1258 and 1252 feeds) before anything is decoded, whatever runs first.
TextEncodings.EnsureRegistered();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops between articles; a write already started completes.
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApplication.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
