using System.CommandLine;
using ArticlePipeline.Cli.Composition;
using ArticlePipeline.Output.Schema;

namespace ArticlePipeline.Cli.Commands;

/// <summary><c>validate DIR</c>: checks every record under a folder against the published JSON Schema.</summary>
internal static class ValidateCommand
{
    // A record saved by an editor that adds a byte order mark is still the same JSON.
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "A folder of records (searched recursively for *.json), or one record file." };
        var command = new Command("validate", "Check every record in a folder against the schema of its version (schema/article-record.v1.schema.json or .v2) and that its original language holds text; prints each problem as 'file: path: what' and exits 1 if any record is invalid.")
        {
            directory,
        };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            string path = parse.GetValue(directory)!;
            string[] files = File.Exists(path) || new FileInfo(path).LinkTarget is not null ? [path]
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
                (byte[]? bytes, string? unreadable) = await InputFile.ReadAsync(file, RecordFiles.MaxRecordBytes, "validate's limit", ct).ConfigureAwait(false);
                IReadOnlyList<string> problems = bytes is null
                    ? [unreadable!]
                    : validator.Validate(System.Text.Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsSpan(Utf8Bom.Length) : bytes.AsSpan()));
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
