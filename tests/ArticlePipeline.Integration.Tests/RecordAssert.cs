using ArticlePipeline.Output.Json;
using ArticlePipeline.Output.Schema;

namespace ArticlePipeline.Integration.Tests;

/// <summary>Checks a user of the archive would make: every record valid, the manifest agreeing with the files.</summary>
internal static class RecordAssert
{
    /// <summary>Every <c>*.json</c> record under <paramref name="folder"/> validates against the published schema.</summary>
    public static async Task AllValidAsync(string folder, bool allowNone = false)
    {
        RecordSchemaValidator validator = await RecordSchemaValidator.GetAsync();
        if (allowNone && !Directory.Exists(folder))
        {
            return;
        }

        string[] files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.Contains("appsettings", StringComparison.Ordinal) && !f.Contains(Path.DirectorySeparatorChar + "manifest" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        if (!allowNone)
        {
            Assert.That(files, Is.Not.Empty, $"no records under {folder}");
        }

        foreach (string file in files)
        {
            Assert.That(validator.Validate(await File.ReadAllTextAsync(file)), Is.Empty, file);
        }
    }

    /// <summary>
    /// The manifest names only files that exist, every line parses, and every record's current revision has a line.
    /// </summary>
    public static void ManifestMatchesFiles(string outFolder)
    {
        ManifestEntry[] entries = Directory.GetFiles(Path.Combine(outFolder, "manifest"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(line => RecordSerializer.DeserializeManifestLine(line) ?? throw new AssertionException($"manifest line does not parse: {line}"))
            .ToArray();
        string[] records = Directory.GetFiles(Path.Combine(outFolder, "records"), "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            foreach (ManifestEntry entry in entries)
            {
                Assert.That(File.Exists(Path.Combine(outFolder, entry.Path)), Is.True, $"manifest names a missing file: {entry.Path}");
            }

            foreach (string file in records)
            {
                var record = RecordSerializer.Deserialize(File.ReadAllBytes(file));
                Assert.That(record, Is.Not.Null, $"record does not parse: {file}");
                Assert.That(entries.Any(e => e.Id == record!.Id && e.Revision == record.Revision), Is.True, $"no manifest line for {file} revision {record?.Revision}");
            }

            var duplicates = entries.GroupBy(e => (e.Path, e.Revision, e.Change)).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            Assert.That(duplicates, Is.Empty, "a write is named once");
        }
    }
}
