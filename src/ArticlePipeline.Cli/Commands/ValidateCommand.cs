using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Output.Schema;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>validate DIR</c>: checks every record under a folder against the published JSON Schema.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "A folder of records (searched recursively for *.json), or one record file." };
        var command = new Command("validate", "Check every record in a folder against schema/article-record.v1.schema.json and that its original language holds text; prints each problem as 'file: path: what' and exits 1 if any record is invalid.")
        {
            directory,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            string path = parse.GetValue(directory)!;
            string[] files = File.Exists(path) ? [path]
                : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .ToArray()
                : throw new UsageException($"no such file or folder: {path}");

            RecordSchemaValidator validator = await RecordSchemaValidator.GetAsync().ConfigureAwait(false);
            int invalid = 0;
            foreach (string file in files)
            {
                ct.ThrowIfCancellationRequested();
                string json = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
                IReadOnlyList<string> problems = validator.Validate(json);
                if (problems.Count == 0)
                {
                    continue;
                }

                invalid++;
                foreach (string problem in problems)
                {
                    await context.Output.WriteLineAsync($"{file}: {problem}").ConfigureAwait(false);
                }
            }

            await context.Output.WriteLineAsync($"{files.Length} records, {invalid} invalid").ConfigureAwait(false);
            return invalid == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        }));
        return command;
    }
}
