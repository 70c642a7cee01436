using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Forum.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Gateway.Tests;

/// <summary>The real gateway host on its own PostgreSQL database and RabbitMQ virtual host.</summary>
public sealed class GatewayFixture : IsolatedInfrastructure
{
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestSigningKey SigningKey { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = await CreateDatabaseAsync("gateway");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("ConnectionStrings:gateway-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString())
            .UseSetting("Forum:Auth:SigningKey", SigningKey.PrivateKeyPem)
            .UseSetting("Forum:Admins", "appointed-admin")
            // Nothing listens there: the posts service of this gateway never comes up.
            .UseSetting("services:posts:http:0", $"http://127.0.0.1:{ServiceProcess.FreePort()}")
            // Nor does its notifications service: a member's pages render without it.
            .UseSetting("services:notifications:http:0", $"http://127.0.0.1:{ServiceProcess.FreePort()}")
            .UseSetting("Forum:RateLimits:Registering:PermitLimit", "100000")
            .UseSetting("Forum:RateLimits:SigningIn:PermitLimit", "100000"));
    }

    public const string Password = "mật-khẩu-đủ-dài";

    public async Task<HttpResponseMessage> RegisterAsync(string userName, string password = Password) =>
        await CreateClient().PostAsJsonAsync("/api/accounts", new { userName, password });

    public async Task<string> TokenAsync(string userName, string password = Password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/accounts/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static IReadOnlyList<string> RolesIn(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList();

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await base.DisposeAsync();
    }
}
