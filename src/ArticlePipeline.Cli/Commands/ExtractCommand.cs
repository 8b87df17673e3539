using System.Collections.Immutable;
using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Extraction;
using ArticlePipeline.Extraction.Normalization;
using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Writing;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>extract PATH...</c>: offline extraction of saved pages, one record per file, no translation.</summary>
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
        var url = new Option<string?>("--url")
        {
            Description = "The URL the page was saved from (used for the record id and to resolve relative links).",
            HelpName = "URL",
        };
        var command = new Command("extract", "Extract saved pages offline: writes <input file name>.json per page into --out, without translation.")
        {
            paths, output, url, config,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            List<string> files = Expand(parse.GetValue(paths)!);
            Uri? pageUrl = null;
            if (parse.GetValue(url) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out pageUrl) || pageUrl.Scheme is not ("http" or "https")))
            {
                throw new UsageException($"--url is not an http(s) URL: {text}");
            }

            PipelineSettings settings = PipelineSettings.Load(parse.GetValue(config), parse.GetValue(output));
            string outDirectory = Path.GetFullPath(settings.Output.Directory);
            var extractor = new ArticleExtractor();
            var normalizer = new ArticleNormalizer();
            int failed = 0;
            foreach (string file in files)
            {
                ct.ThrowIfCancellationRequested();
                string? written = await ExtractOneAsync(file, pageUrl, outDirectory, extractor, normalizer, context, ct).ConfigureAwait(false);
                if (written is null)
                {
                    failed++;
                }
                else
                {
                    await context.Output.WriteLineAsync(written).ConfigureAwait(false);
                }
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        }));
        return command;
    }

    private static async Task<string?> ExtractOneAsync(
        string file,
        Uri? pageUrl,
        string outDirectory,
        ArticleExtractor extractor,
        ArticleNormalizer normalizer,
        CliContext context,
        CancellationToken cancellationToken)
    {
        byte[] body = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        string contentType = Path.GetExtension(file).Equals(".txt", StringComparison.OrdinalIgnoreCase) ? "text/plain" : "text/html";
        Uri url = pageUrl ?? new Uri(Path.GetFullPath(file));
        ExtractionOutcome outcome = extractor.Extract(new PageContent(url, body, contentType));
        if (outcome.Article is null)
        {
            await context.Error.WriteLineAsync($"error: {file}: {outcome.Reason}: {outcome.Detail ?? "no article text found"}").ConfigureAwait(false);
            return null;
        }

        ExtractedArticle article = normalizer.Normalize(outcome.Article);
        var pending = RecordBuilder.MissingLanguages(article.Language ?? Languages.Vietnamese)
            .ToImmutableDictionary(l => l, _ => LanguageVersion.Pending("extract does not translate"));
        DateTimeOffset readAt = File.GetLastWriteTimeUtc(file);
        ArticleRecord record = RecordBuilder.Build(article, url, new SourceInfo("adhoc", null, null, url.IsFile ? null : url.Host), readAt, pending) with { Revision = 1 };
        string target = Path.Combine(outDirectory, Path.GetFileName(file) + ".json");
        try
        {
            await AtomicFile.WriteAsync(target, RecordSerializer.Serialize(record), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await context.Error.WriteLineAsync($"error: {file}: {ex.Message}").ConfigureAwait(false);
            return null;
        }

        return target;
    }

    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path)
                    .Where(f => PageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"no such file or folder: {path}");
            }
        }

        if (files.Count == 0)
        {
            throw new UsageException("no pages to extract (.html, .htm, .xhtml or .txt)");
        }

        return files;
    }
}
