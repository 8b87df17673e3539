using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Cli.Evaluation;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Evaluation;

namespace ArticlePipeline.Cli.Commands;

/// <summary>
/// <c>eval --gold FILE --pages DIR [--no-profiles] [--readability DIR] [--trafilatura DIR] [--config FILE]</c>: scores
/// extraction against a gold file and, optionally, the generic extractor against Mozilla Readability's test pages and
/// the trafilatura evaluation set.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<string?>("--gold")
        {
            Description = "Gold file (JSON Lines: file, title, lead, first, last, author, date, junk per page).",
            HelpName = "FILE",
        };
        var pages = new Option<string?>("--pages")
        {
            Description = "Folder holding the pages the gold file names (host__hash.html).",
            HelpName = "DIR",
        };
        var noProfiles = new Option<bool>("--no-profiles")
        {
            Description = "Use the generic extractor only, ignoring the site profiles of the sources file.",
        };
        var readability = new Option<string?>("--readability")
        {
            Description = "Mozilla Readability test pages (a folder per page with source.html and expected.html): body-text F1 of the generic extractor.",
            HelpName = "DIR",
        };
        var trafilatura = new Option<string?>("--trafilatura")
        {
            Description = "The trafilatura evaluation set (evaldata.json and pages/NAME.gz): precision, recall and F1 of the strings the generic extractor's body text must and must not hold.",
            HelpName = "DIR",
        };
        Option<string?> config = CommandOptions.Config();
        var command = new Command("eval", "Score extraction against a gold file (title, lead, first and last paragraph, author, date, junk) and Readability's test pages (shingle F1) and the trafilatura set (string F1).")
        {
            gold, pages, noProfiles, readability, trafilatura, config,
        };
        command.SetAction((parse, ct) => context.RunAsync(() =>
        {
            string? goldFile = parse.GetValue(gold);
            string? pagesDirectory = parse.GetValue(pages);
            string? readabilityDirectory = parse.GetValue(readability);
            string? trafilaturaDirectory = parse.GetValue(trafilatura);
            if (goldFile is null && readabilityDirectory is null && trafilaturaDirectory is null)
            {
                throw new UsageException("give --gold FILE --pages DIR, --readability DIR, --trafilatura DIR, or several");
            }

            if ((goldFile is null) != (pagesDirectory is null))
            {
                throw new UsageException("--gold and --pages go together");
            }

            RequireDirectory(readabilityDirectory, "--readability");
            RequireDirectory(pagesDirectory, "--pages");
            RequireDirectory(trafilaturaDirectory, "--trafilatura");
            if (trafilaturaDirectory is not null && !File.Exists(Path.Combine(trafilaturaDirectory, "evaldata.json")))
            {
                throw new UsageException($"--trafilatura: no evaldata.json in {trafilaturaDirectory}");
            }

            IReadOnlyList<GoldPage>? goldPages = goldFile is null ? null : ReadGold(goldFile);
            Func<string, ExtractionProfile?>? profiles = goldPages is null || parse.GetValue(noProfiles)
                ? null
                : LoadProfiles(SourcesFileOf(parse.GetValue(config)), context);

            if (readabilityDirectory is not null)
            {
                ct.ThrowIfCancellationRequested();
                EvalReport.WriteReadability(context.Output, ExtractionEvaluation.ScoreReadability(readabilityDirectory));
            }

            if (trafilaturaDirectory is not null)
            {
                ct.ThrowIfCancellationRequested();
                IReadOnlyList<TrafilaturaScore> scores;
                try
                {
                    scores = ExtractionEvaluation.ScoreTrafilatura(trafilaturaDirectory);
                }
                catch (FormatException ex)
                {
                    throw new UsageException($"--trafilatura: {ex.Message}", ex);
                }

                EvalReport.WriteTrafilatura(context.Output, scores);
            }

            if (goldPages is not null)
            {
                ct.ThrowIfCancellationRequested();
                EvalReport.WriteGold(context.Output, ExtractionEvaluation.ScoreGold(goldPages, pagesDirectory!, profiles));
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static void RequireDirectory(string? path, string option)
    {
        if (path is not null && !Directory.Exists(path))
        {
            throw new UsageException($"{option}: no such folder: {path}");
        }
    }

    private static IReadOnlyList<GoldPage> ReadGold(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--gold: no such file: {path}");
        }

        try
        {
            using StreamReader reader = File.OpenText(path);
            return GoldPage.ReadJsonLines(reader);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--gold {path}: {ex.Message}", ex);
        }
    }

    // Profiles by host, from the sources file of the normal configuration; none when the file is absent.
    /// <summary>The sources file the configuration names, read through the same layers and checks as every command.</summary>
    private static string SourcesFileOf(string? configFile)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
        CliConfiguration.AddLayers(configuration, configFile, null);
        return CliConfiguration.SourcesFile(configuration);
    }

    private static Func<string, ExtractionProfile?>? LoadProfiles(string sourcesFile, CliContext context)
    {
        if (!File.Exists(sourcesFile))
        {
            context.Error.WriteLine($"info: sources file {Path.GetFullPath(sourcesFile)} not found; generic extractor only");
            return null;
        }

        SourceCatalog catalog;
        try
        {
            catalog = SourceCatalogLoader.Load(sourcesFile);
        }
        catch (SourceCatalogException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        return host =>
        {
            SourceDefinition? source = catalog.FindByHost(new Uri($"https://{host}/"));
            if (source?.Profile is { } profile)
            {
                profile.Name ??= source.Id;
            }

            return source?.Profile;
        };
    }
}
