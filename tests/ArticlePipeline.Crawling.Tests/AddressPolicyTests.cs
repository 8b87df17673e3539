using System.Net;
using ArticlePipeline.Crawling.Policy;

namespace ArticlePipeline.Crawling.Tests;

[TestFixture]
public sealed class AddressPolicyTests
{
    [TestCase("127.0.0.1", true)]
    [TestCase("127.255.255.254", true)]
    [TestCase("10.1.2.3", true)]
    [TestCase("172.16.0.1", true)]
    [TestCase("172.31.255.255", true)]
    [TestCase("172.15.255.255", false)]
    [TestCase("172.32.0.1", false)]
    [TestCase("192.168.1.1", true)]
    [TestCase("169.254.169.254", true)]
    [TestCase("100.64.0.1", true)]
    [TestCase("100.127.255.255", true)]
    [TestCase("100.128.0.1", false)]
    [TestCase("0.0.0.0", true)]
    [TestCase("224.0.0.1", true)]
    [TestCase("255.255.255.255", true)]
    [TestCase("8.8.8.8", false)]
    [TestCase("203.162.4.190", false)]
    [TestCase("::1", true)]
    [TestCase("::", true)]
    [TestCase("fe80::1", true)]
    [TestCase("fd00::1", true)]
    [TestCase("fc00::1", true)]
    [TestCase("ff02::1", true)]
    [TestCase("::ffff:127.0.0.1", true)]
    [TestCase("::ffff:10.0.0.1", true)]
    [TestCase("::ffff:8.8.8.8", false)]
    [TestCase("2001:4860:4860::8888", false)]
    public void IsInternal_Address_MatchesThePolicy(string address, bool expected)
    {
        Assert.That(AddressPolicy.IsInternal(IPAddress.Parse(address)), Is.EqualTo(expected));
    }
}
