using System.Net;
using Forum.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Forum.Gateway.Tests.Operating;

/// <summary>The metrics answer operators' scrapers: on the management port when there is one, otherwise only on the machine itself.</summary>
public sealed class Who_reads_the_metrics
{
    private static HttpContext Request(string from, int port, string host)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        context.Connection.LocalPort = port;
        context.Request.Host = new HostString(host);
        return context;
    }

    [Fact]
    public void With_a_management_port_only_connections_to_that_port_read_them_whatever_Host_they_claim()
    {
        Assert.True(MetricsScraping.Allows(Request("10.1.2.3", 8081, "gateway:8081"), managementPort: 8081));
        Assert.False(MetricsScraping.Allows(Request("10.1.2.3", 8080, "gateway:8081"), managementPort: 8081));
        Assert.False(MetricsScraping.Allows(Request("127.0.0.1", 8080, "localhost:8080"), managementPort: 8081));
    }

    [Fact]
    public void Without_one_only_the_machine_itself_reads_them()
    {
        Assert.True(MetricsScraping.Allows(Request("127.0.0.1", 8080, "localhost"), managementPort: null));
        Assert.True(MetricsScraping.Allows(Request("::1", 8080, "localhost"), managementPort: null));
        Assert.False(MetricsScraping.Allows(Request("198.51.100.1", 8080, "localhost"), managementPort: null));
        // No network peer: a Unix socket or a host in the same process.
        Assert.True(MetricsScraping.Allows(new DefaultHttpContext(), managementPort: null));
    }
}
