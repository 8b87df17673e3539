using System.Globalization;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Testing.Telemetry;

/// <summary>One sample of a Prometheus text exposition.</summary>
/// <param name="Name">The metric name (with <c>_total</c>, <c>_bucket</c> ...).</param>
/// <param name="Labels">The labels.</param>
/// <param name="Value">The value.</param>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Parses the Prometheus text exposition format 0.0.4 strictly: every line is a <c># HELP</c>, a <c># TYPE</c>, a
/// comment, blank, or a sample <c>name{label="value",...} value [timestamp]</c>; anything else is a
/// <see cref="FormatException"/> naming the line. Each sample's family must have been declared by <c># TYPE</c>.
/// </summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || (line.StartsWith('#') && !line.StartsWith("# TYPE ", StringComparison.Ordinal)))
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Match type = TypeLine().Match(line);
                if (!type.Success)
                {
                    throw new FormatException($"line {number}: malformed TYPE line: {line}");
                }

                types[type.Groups["name"].Value] = type.Groups["type"].Value;
                continue;
            }

            Match sample = SampleLine().Match(line);
            if (!sample.Success)
            {
                throw new FormatException($"line {number}: not a sample: {line}");
            }

            string name = sample.Groups["name"].Value;
            if (!types.Keys.Any(family => name == family || (name.StartsWith(family, StringComparison.Ordinal) && name[family.Length..] is "_total" or "_bucket" or "_sum" or "_count" or "_created")))
            {
                throw new FormatException($"line {number}: {name} has no # TYPE line before it");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(sample.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = Regex.Unescape(label.Groups["value"].Value);
            }

            string value = sample.Groups["value"].Value;
            double parsed = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new PrometheusSample(name, labels, parsed));
        }

        return samples;
    }

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"",?)*)\})? (?<value>[-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))(?: -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
