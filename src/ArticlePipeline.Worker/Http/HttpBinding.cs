using System.Globalization;
using System.Net;

namespace ArticlePipeline.Worker.Http;

/// <summary>Where <c>run --http ADDRESS:PORT</c> listens, and whether that is this machine only.</summary>
/// <param name="EndPoint">The address and port.</param>
public sealed record HttpBinding(IPEndPoint EndPoint)
{
    /// <summary>Whether only this machine can connect (127.0.0.0/8 or ::1).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(EndPoint.Address);

    /// <summary>
    /// Parses <c>ADDRESS:PORT</c>: an IPv4 address, a bracketed IPv6 address (<c>[::1]:9464</c>) or <c>localhost</c>
    /// (taken as 127.0.0.1, never resolved). Port 0 asks the system for a free port.
    /// </summary>
    /// <param name="text">The option value.</param>
    /// <param name="binding">The binding.</param>
    /// <param name="problem">Why it does not parse.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string? text, out HttpBinding? binding, out string? problem)
    {
        binding = null;
        problem = null;
        int colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            problem = $"--http '{text}': expected ADDRESS:PORT, e.g. 127.0.0.1:9464";
            return false;
        }

        string host = text[..colon];
        string portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            problem = $"--http '{text}': the port must be a number from 0 to {IPEndPoint.MaxPort}";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            problem = $"--http '{text}': write an IPv6 address in brackets, e.g. [::1]:{port}";
            return false;
        }

        IPAddress? address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(host, out address))
        {
            problem = $"--http '{text}': '{host}' is not an IP address (host names other than localhost are not resolved)";
            return false;
        }

        binding = new HttpBinding(new IPEndPoint(address, port));
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => EndPoint.ToString();
}
