using System.Net;
using System.Net.Sockets;

namespace ArticlePipeline.Crawling.Policy;

/// <summary>
/// Which network addresses the crawler may connect to. Pure: loopback, private (RFC 1918, RFC 4193),
/// link-local (which holds cloud metadata services at 169.254.169.254), carrier-grade NAT, unspecified and
/// multicast addresses are internal and refused unless configuration allows them.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Whether <paramref name="address"/> is an internal address.</summary>
    /// <param name="address">An IPv4 or IPv6 address.</param>
    /// <returns><see langword="true"/> for addresses a public crawler must not reach.</returns>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,
                169 => b[1] == 254,
                172 => b[1] >= 16 && b[1] <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0),
                198 => b[1] is 18 or 19,
                >= 224 => true,
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            byte[] b = address.GetAddressBytes();
            return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal ||
                address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }

        return true;
    }
}
