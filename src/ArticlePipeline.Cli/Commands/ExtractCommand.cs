using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Crawling;
using Microsoft.Extensions.DependencyInjection;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>extract PATH...</c>: offline extraction of saved pages, one record per file, no translation.</summary>
/// <remarks>
/// Each input is read only if it is a regular file of at most <c>Network:MaxBodyBytes</c>; an input that is not (a
/// symbolic link loop, a FIFO, a device, a huge file) is reported on its own line and the others are still extracted.
/// </remarks>
internal static class ExtractCommand
{
    private static readonly string[] PageExtensions = [".html", ".htm", ".xhtml", ".txt"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Saved pages (.html, or .txt with one block per line) or folders of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<string?> output = CommandOptions.Out();
        Option<string?> config = CommandOptions.Config();
        Option<bool> wait = CommandOptions.Wait();
        var url = new Option<string?>("--url")
        {
            Description = "The URL the page was saved from (used for the record id and to resolve relative links).",
            HelpName = "URL",
        };
        var command = new Command(
            "extract",
            "Extract saved pages offline into --out, without translation: prints 'INPUT -> OUTPUT' per page. The output is <input file name>.json, or <input file name>.<8 hex digits of its path's hash>.json when several inputs share a file name.")
        {
            paths, output, url, config, wait,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            List<string> files = Expand(parse.GetValue(paths)!);
            Uri? pageUrl = null;
            if (parse.GetValue(url) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out pageUrl) || pageUrl.Scheme is not ("http" or "https")))
            {
                throw new UsageException($"--url is not an http(s) URL: {text}");
            }

            CliHost pipeline = CliHost.Create(parse.GetValue(config), parse.GetValue(output), context.Error);
            await using (pipeline.ConfigureAwait(false))
            {
                string outDirectory = Path.GetFullPath(pipeline.OutputDirectory);
                using OutputLock folder = await OutputLock.AcquireAsync(outDirectory, parse.GetValue(wait), context.Error, ct).ConfigureAwait(false);
                IReadOnlyDictionary<string, string> targets = OutputNames(files, outDirectory);
                int failed = 0;
                foreach (string file in files)
                {
                    ct.ThrowIfCancellationRequested();
                    string? problem = await ExtractOneAsync(pipeline, file, targets[file], pageUrl, ct).ConfigureAwait(false);
                    if (problem is null)
                    {
                        await context.Output.WriteLineAsync($"{file} -> {targets[file]}").ConfigureAwait(false);
                    }
                    else
                    {
                        failed++;
                        await context.Error.WriteLineAsync($"error: {file}: {problem}").ConfigureAwait(false);
                    }
                }

                return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
            }
        }));
        return command;
    }

    /// <summary>
    /// The output file of every input: <c>&lt;file name&gt;.json</c>, or, for inputs that share a file name (compared
    /// ignoring case, as some file systems do), <c>&lt;file name&gt;.&lt;8 hex digits of the SHA-256 of the input's full
    /// path&gt;.json</c>, so no input overwrites another and the same input always gets the same name.
    /// </summary>
    /// <param name="files">The inputs, distinct by full path.</param>
    /// <param name="outDirectory">The output folder.</param>
    /// <returns>The output path of each input.</returns>
    internal static IReadOnlyDictionary<string, string> OutputNames(IReadOnlyList<string> files, string outDirectory)
    {
        var shared = files
            .GroupBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g)
            .ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            if (shared.Contains(file))
            {
                byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(file)));
                name += "." + Convert.ToHexStringLower(hash)[..8];
            }

            names[file] = Path.Combine(outDirectory, name + ".json");
        }

        return names;
    }

    /// <summary>
    /// Extracts one input through the same page pipeline as <c>rerun</c> and the crawl (extract, normalise, build,
    /// write), without translation, into a file named after the input.
    /// </summary>
    private static async Task<string?> ExtractOneAsync(
        CliHost pipeline,
        string file,
        string target,
        Uri? pageUrl,
        CancellationToken cancellationToken)
    {
        (byte[]? body, string? problem) = await InputFile
            .ReadAsync(file, pipeline.Network.MaxBodyBytes, $"{NetworkOptions.SectionName}:MaxBodyBytes", cancellationToken)
            .ConfigureAwait(false);
        if (body is null)
        {
            return problem;
        }

        string contentType = Path.GetExtension(file).Equals(".txt", StringComparison.OrdinalIgnoreCase) ? "text/plain" : "text/html";
        Uri url = pageUrl ?? new Uri(Path.GetFullPath(file));
        var processor = new ArticleProcessor(
            pipeline.Services.GetRequiredService<IPageFetcher>(),
            pipeline.Services.GetRequiredService<IArticleExtractor>(),
            pipeline.Services.GetRequiredService<IArticleNormalizer>(),
            translator: null,
            new InputNamedSink(target),
            timeProvider: pipeline.Services.GetRequiredService<TimeProvider>());
        DateTimeOffset readAt = File.GetLastWriteTimeUtc(file);
        ArticleOutcome outcome;
        try
        {
            outcome = await processor
                .ProcessPageAsync(new PageContent(url, body, contentType), readAt, source: null, new ProcessOptions(Translate: false), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            return ex.Message;
        }

        return outcome.Kind == ArticleOutcomeKind.Failed ? $"{outcome.Reason}: {outcome.Detail ?? "no article text found"}" : null;
    }

    /// <summary>The inputs: each file named, and the pages in each folder named, once each.</summary>
    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
            {
                found = Directory.EnumerateFiles(path)
                    .Where(f => PageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
            }
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                // A symbolic link is an input even when it leads nowhere: it is reported on its own line.
                found = [path];
            }
            else
            {
                throw new UsageException($"no such file or folder: {path}");
            }

            files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(f))));
        }

        if (files.Count == 0)
        {
            throw new UsageException("no pages to extract (.html, .htm, .xhtml or .txt)");
        }

        return files;
    }
}
