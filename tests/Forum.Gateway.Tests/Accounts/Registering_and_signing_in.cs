using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Forum.Gateway.Tests.Accounts;

/// <summary>Accounts at the gateway, against its real database: registration, tokens, roles.</summary>
[Collection(nameof(GatewayCollection))]
public sealed class Registering_and_signing_in(GatewayFixture gateway)
{
    private const string Password = "mật-khẩu-đủ-dài";

    private Task<HttpResponseMessage> RegisterAsync(string userName, string password = Password) => gateway.RegisterAsync(userName, password);

    private Task<string> TokenAsync(string userName, string password = Password) => gateway.TokenAsync(userName, password);

    private static IReadOnlyList<string> RolesIn(string token) => GatewayFixture.RolesIn(token);

    [Fact]
    public async Task Someone_named_in_Forum_Admins_is_admin_from_the_start()
    {
        await RegisterAsync("Appointed-Admin");

        Assert.Contains("admin", RolesIn(await TokenAsync("appointed-admin")));
    }

    [Fact]
    public async Task A_name_differing_only_in_case_or_Unicode_form_is_taken()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync("Mính")).StatusCode);

        var again = await RegisterAsync("MI\u0301NH");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("userName", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("ab", Password, "userName")]
    [InlineData("valid_name", "short", "password")]
    [InlineData("bad name", "short", "password")]
    public async Task A_bad_name_or_password_is_a_400_naming_the_field(string userName, string password, string field)
    {
        var response = await RegisterAsync(userName, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_token_names_the_user_is_short_lived_and_verifies_with_the_published_key()
    {
        await RegisterAsync("Lan_Anh");

        var token = await TokenAsync("lan_anh");

        var jwks = new JsonWebKeySet(await gateway.CreateClient().GetStringAsync("/.well-known/jwks.json"));
        var key = Assert.Single(jwks.Keys);
        Assert.False(key.HasPrivateKey);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "forum",
            ValidAudience = "forum",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("Lan_Anh", jwt.GetClaim("name").Value);
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_401()
    {
        await RegisterAsync("hoa_mai");
        var client = gateway.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/accounts/token", new { userName = "hoa_mai", password = "sai-mật-khẩu-rồi" });
        var unknownName = await client.PostAsJsonAsync("/api/accounts/token", new { userName = "không_tồn_tại", password = Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownName.StatusCode);
        Assert.Equal(
            JsonDocument.Parse(await wrongPassword.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString(),
            JsonDocument.Parse(await unknownName.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_for_a_name_are_slowed_with_429_and_Retry_After()
    {
        await RegisterAsync("bị_đoán");
        var client = gateway.CreateClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i <= 5; i++)
        {
            response = await client.PostAsJsonAsync("/api/accounts/token", new { userName = "bị_đoán", password = $"đoán-sai-lần-{i}" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Even the right password waits until the delay is over.
        var right = await client.PostAsJsonAsync("/api/accounts/token", new { userName = "bị_đoán", password = Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task An_admin_grants_and_revokes_moderator_and_the_next_token_shows_it()
    {
        await RegisterAsync("appointed-admin");
        await RegisterAsync("sẽ_là_mod");
        var admin = gateway.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("appointed-admin"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync("/api/accounts/sẽ_là_mod/roles/moderator", null)).StatusCode);
        Assert.Contains("moderator", RolesIn(await TokenAsync("sẽ_là_mod")));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/accounts/sẽ_là_mod/roles/moderator")).StatusCode);
        Assert.DoesNotContain("moderator", RolesIn(await TokenAsync("sẽ_là_mod")));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/accounts/nobody_here/roles/moderator", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/api/accounts/sẽ_là_mod/roles/admin", null)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_roles_and_a_forged_role_gets_nowhere()
    {
        await RegisterAsync("thành_viên");
        var memberToken = await TokenAsync("thành_viên");
        var client = gateway.CreateClient();

        foreach (var (token, expected) in new (string?, HttpStatusCode)[]
                 {
                     (null, HttpStatusCode.Unauthorized),
                     (memberToken, HttpStatusCode.Forbidden),
                     (TestSigningKey.WithForgedRoles(memberToken, ["admin"]), HttpStatusCode.Unauthorized),
                     (TestSigningKey.Unsigned("thành_viên", ["admin"]), HttpStatusCode.Unauthorized),
                     (new TestSigningKey().Token("thành_viên", roles: ["admin"]), HttpStatusCode.Unauthorized),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/accounts/thành_viên/roles/moderator");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
        }
        Assert.DoesNotContain("moderator", RolesIn(await TokenAsync("thành_viên")));
    }

    [Fact]
    public void Nothing_that_changes_state_is_open_to_anonymous_callers_but_registering_signing_in_and_recovering()
    {
        var open = EndpointAudit.AnonymousStateChangingEndpoints(gateway.Factory.Services);

        Assert.Equal(
            // The pages' POSTs carry an antiforgery token. The post page's forms (comment, like,
            // watch, moderate), the board page's watch form and the tag page's moderators' forms are reachable by anyone, but act
            // only as the session's user: without a session nothing is sent to a service, and the
            // service decides what that user may do. Recovering an account is for whoever holds
            // a mailed link (or asks for one, which says nothing of who exists), so it is open too.
            [
                "POST /account/forgot-password", "POST /account/register", "POST /account/reset-password", "POST /account/sign-in", "POST /account/sign-out",
                "POST /account/verify-email", "POST /api/accounts", "POST /api/accounts/email/verify", "POST /api/accounts/password-reset",
                "POST /api/accounts/password-reset/complete", "POST /api/accounts/token", "POST /boards/{slug}", "POST /posts/{id:guid}", "POST /tags/{tag}",
            ],
            open);
    }
}

/// <summary>The founding of a forum needs an empty one: this class has a gateway of its own.</summary>
public sealed class Founding_the_forum(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_first_account_of_an_empty_forum_becomes_admin_even_when_many_register_at_once()
    {
        var names = Enumerable.Range(0, 8).Select(i => $"người_sáng_lập_{i}").ToList();

        var responses = await Task.WhenAll(names.Select(name => gateway.RegisterAsync(name)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var roles = await Task.WhenAll(names.Select(async name => GatewayFixture.RolesIn(await gateway.TokenAsync(name))));
        Assert.Single(roles, r => r.Contains("admin"));
        Assert.Equal(7, roles.Count(r => r.Count == 0));
    }

}

[CollectionDefinition(nameof(GatewayCollection))]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>;
