namespace ArticlePipeline.Testing.Telemetry;

/// <summary>One span as an OTLP collector received it.</summary>
/// <param name="Scope">The instrumentation scope (the activity source name).</param>
/// <param name="Name">The span name.</param>
/// <param name="TraceId">The trace id, hex.</param>
/// <param name="SpanId">The span id, hex.</param>
/// <param name="ParentSpanId">The parent's span id, hex, or empty for a root span.</param>
/// <param name="Attributes">String, integer and boolean attributes, as text.</param>
/// <param name="StatusCode">0 unset, 1 ok, 2 error.</param>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes, int StatusCode)
{
    /// <summary>Decodes the spans of an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1).</summary>
    public static List<OtlpSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        var reader = new ProtobufReader(request);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 1 && wire == 2)
            {
                ReadResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> data, List<OtlpSpan> spans)
    {
        var reader = new ProtobufReader(data);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 2 && wire == 2)
            {
                ReadScopeSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> data, List<OtlpSpan> spans)
    {
        string scope = string.Empty;
        var raw = new List<byte[]>();
        var reader = new ProtobufReader(data);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 1 && wire == 2)
            {
                // InstrumentationScope { string name = 1; ... }
                var scopeReader = new ProtobufReader(reader.ReadBytes());
                while (scopeReader.Next(out int f, out int w))
                {
                    if (f == 1 && w == 2)
                    {
                        scope = scopeReader.ReadString();
                    }
                    else
                    {
                        scopeReader.Skip(w);
                    }
                }
            }
            else if (field == 2 && wire == 2)
            {
                raw.Add(reader.ReadBytes().ToArray());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        spans.AddRange(raw.Select(span => ReadSpan(scope, span)));
    }

    private static OtlpSpan ReadSpan(string scope, ReadOnlySpan<byte> data)
    {
        string name = string.Empty, traceId = string.Empty, spanId = string.Empty, parent = string.Empty;
        int status = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(data);
        while (reader.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, 2):
                    traceId = Convert.ToHexString(reader.ReadBytes());
                    break;
                case (2, 2):
                    spanId = Convert.ToHexString(reader.ReadBytes());
                    break;
                case (4, 2):
                    parent = Convert.ToHexString(reader.ReadBytes());
                    break;
                case (5, 2):
                    name = reader.ReadString();
                    break;
                case (9, 2):
                    (string key, string value) = ReadKeyValue(reader.ReadBytes());
                    attributes[key] = value;
                    break;
                case (15, 2):
                    // Status { string message = 2; StatusCode code = 3; }
                    var statusReader = new ProtobufReader(reader.ReadBytes());
                    while (statusReader.Next(out int f, out int w))
                    {
                        if (f == 3 && w == 0)
                        {
                            status = (int)statusReader.ReadVarint();
                        }
                        else
                        {
                            statusReader.Skip(w);
                        }
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OtlpSpan(scope, name, traceId, spanId, parent, attributes, status);
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; } with AnyValue's string, bool and int cases.</summary>
    private static (string Key, string Value) ReadKeyValue(ReadOnlySpan<byte> data)
    {
        string key = string.Empty, value = string.Empty;
        var reader = new ProtobufReader(data);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 1 && wire == 2)
            {
                key = reader.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                var any = new ProtobufReader(reader.ReadBytes());
                while (any.Next(out int f, out int w))
                {
                    value = (f, w) switch
                    {
                        (1, 2) => any.ReadString(),
                        (2, 0) => any.ReadVarint() != 0 ? "true" : "false",
                        (3, 0) => ((long)any.ReadVarint()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => Skipped(ref any, w),
                    };
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, value);
    }

    private static string Skipped(ref ProtobufReader reader, int wire)
    {
        reader.Skip(wire);
        return string.Empty;
    }
}
