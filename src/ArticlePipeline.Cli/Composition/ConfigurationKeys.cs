using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// Refuses configuration keys that no setting reads. The binder ignores them, so a misspelled
/// <c>Network:AllowPrivateAdresses</c> or <c>Network:MaxBodyByte</c> would silently leave the default in force; the
/// sources file already rejects unknown fields, and the settings files now do too. The known keys are the public
/// settable properties of each section's options class, so a new setting is known as soon as it exists.
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>Sections whose keys are free-form (logging categories).</summary>
    private static readonly string[] OpenSections = ["Logging"];

    /// <summary>The keys of <paramref name="configuration"/> that no setting reads, one line each.</summary>
    /// <param name="configuration">The merged configuration (files, environment, <c>--config</c>).</param>
    /// <param name="sections">Each section's name and the options class bound to it.</param>
    /// <returns>One problem per unknown key, naming the nearest known key when one is close.</returns>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IReadOnlyDictionary<string, Type> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sections);
        List<string> known = [.. sections.SelectMany(s => KnownKeys(s.Key, s.Value)), .. OpenSections];
        var problems = new List<string>();
        foreach (IConfigurationSection section in configuration.GetChildren())
        {
            if (OpenSections.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!sections.TryGetValue(section.Key, out Type? type))
            {
                problems.Add(Unknown(section.Path, known));
                continue;
            }

            Check(section, type, known, problems);
        }

        return problems;
    }

    private static void Check(IConfigurationSection section, Type type, List<string> known, List<string> problems)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            PropertyInfo? property = Settable(type).FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add(Unknown(child.Path, known));
            }
            else if (IsNested(property.PropertyType))
            {
                Check(child, property.PropertyType, known, problems);
            }
        }
    }

    private static string Unknown(string path, List<string> known)
    {
        string? nearest = known
            .Select(k => (Key: k, Distance: Distance(path, k)))
            .Where(k => k.Distance <= Math.Max(2, path.Length / 5))
            .OrderBy(k => k.Distance)
            .Select(k => k.Key)
            .FirstOrDefault();
        return nearest is null
            ? $"unknown setting {path}"
            : $"unknown setting {path} (did you mean {nearest}?)";
    }

    private static IEnumerable<string> KnownKeys(string prefix, Type type)
    {
        yield return prefix;
        foreach (PropertyInfo property in Settable(type))
        {
            string key = prefix + ConfigurationPath.KeyDelimiter + property.Name;
            if (IsNested(property.PropertyType))
            {
                foreach (string nested in KnownKeys(key, property.PropertyType))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>A class of settings of its own (not a value, a string, or a collection whose keys are data).</summary>
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Levenshtein distance, ignoring case (configuration keys are case-insensitive).</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
