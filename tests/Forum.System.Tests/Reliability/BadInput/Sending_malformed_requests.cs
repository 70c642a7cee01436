using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>
/// The forum with a member's post and comment to aim at. Comments on a post the comments service
/// has not heard of wait only briefly, so requests naming unknown posts do not hold the run up.
/// </summary>
public sealed class ForumUnderBadInput : ForumSystem
{
    public const string MemberName = "thành_viên_thử";

    protected override IReadOnlyDictionary<string, string> EveryServiceSettings { get; } = new Dictionary<string, string>
    {
        ["Forum__Comments__WaitForPost"] = "00:00:00.050",
    };

    public HttpClient Member { get; private set; } = null!;
    public HttpClient OtherMember { get; private set; } = null!;
    public Guid PostId { get; private set; }
    public Guid CommentId { get; private set; }
    public (string Token, string Cookie) Antiforgery { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Member = await SignUpAsync(MemberName);
        OtherMember = await SignUpAsync("người_khác_thử");
        var created = await Member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Bài để thử", body = "Nội dung" });
        PostId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var comment = await Eventually.ValueAsync(
            () => Member.PostAsJsonAsync($"/api/posts/{PostId}/comments", new { body = "Bình luận để thử" }),
            response => response.StatusCode == HttpStatusCode.Created, what: "the comments service to know the post");
        CommentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Gateway.BaseAddress };
        var page = await browser.GetStringAsync("/account/sign-in");
        var token = WebFormTokens.OfForm(page);
        Antiforgery = (token, cookies.GetCookieHeader(Gateway.BaseAddress));
    }

    public override async Task DisposeAsync()
    {
        Member?.Dispose();
        OtherMember?.Dispose();
        await base.DisposeAsync();
    }

}

/// <summary>The fuzz test and the regression tests of what it found share one forum, one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<ForumUnderBadInput>
{
    public const string Name = "bad input";
}

/// <summary>
/// Fuzzing: thousands of generated malformed requests at every endpoint of the gateway and of
/// each service. None may get a 5xx, every refusal from an API is a problem detail, and nothing
/// stored changes. The seed is printed; set FORUM_FUZZ_SEED to send the same requests again,
/// FORUM_FUZZ_REQUESTS to send more.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class Sending_malformed_requests(ForumUnderBadInput forum, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_no_5xx_only_problem_details_and_change_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FORUM_FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        var total = int.TryParse(Environment.GetEnvironmentVariable("FORUM_FUZZ_REQUESTS"), out var count) ? count : 12_000;
        output.WriteLine($"seed {seed} (FORUM_FUZZ_SEED={seed} sends the same requests again), {total} requests");

        var generator = new MalformedRequests(new Nasty(new Random(seed)), Existing());
        var aims = generator.Aims();
        AssertEveryProxiedRouteIsAimedAt(aims);
        // Generated up front, in order, so the seed alone decides every request whatever the timing.
        var requests = Enumerable.Range(0, total).Select(_ => generator.Next(aims)).ToList();

        var before = await StoredState.SettledAsync(forum.DatabaseConnections);
        var clock = Stopwatch.StartNew();
        var outcomes = await SendAllAsync(requests);
        clock.Stop();
        var after = await StoredState.SettledAsync(forum.DatabaseConnections);

        var failures = outcomes.Where(o => o.Failure is not null).ToList();
        output.WriteLine($"sent {outcomes.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s at {Concurrency} at a time");
        output.WriteLine(Summary(outcomes));
        var changed = StoredState.Differences(before, after).ToList();
        output.WriteLine($"tables counted: {before.Count}; changed: {changed.Count}");

        Assert.True(outcomes.Count >= 10_000 || total < 10_000, $"Only {outcomes.Count} requests were sent.");
        // One example of each kind of wrong answer, and the exceptions the processes logged.
        var kinds = failures.GroupBy(f => $"{f.Failure![..Math.Min(f.Failure!.Length, 40)]} at {f.Request.Endpoint} → {f.Request.Target}").ToList();
        Assert.True(failures.Count == 0,
            $"seed {seed}: {failures.Count} of {outcomes.Count} requests were answered wrongly, {kinds.Count} kinds:\n\n"
            + string.Join("\n\n", kinds.Select(k => $"{k.Count()}× #{k.First().Index} {k.First().Failure}\n{k.First().Request}"))
            + "\n\nexceptions logged:\n" + string.Join("\n", LoggedExceptions()));
        Assert.True(changed.Count == 0, $"seed {seed}: malformed requests changed what is stored:\n" + string.Join("\n", changed));
    }

    private IEnumerable<string> LoggedExceptions() =>
        forum.Logs.Split('\n').Where(line => line.Contains("Exception", StringComparison.Ordinal) && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
            .Select(line => line.Trim()).Distinct().Take(40);

    private ExistingForum Existing()
    {
        var key = forum.SigningKey;
        var member = forum.Member.DefaultRequestHeaders.Authorization!.Parameter!;
        var callers = new List<Caller>();
        for (var i = 0; i < 3; i++)
        {
            callers.Add(new("member", Role.Member, "Bearer " + member));
            callers.Add(new("other member", Role.OtherMember, "Bearer " + forum.OtherMember.DefaultRequestHeaders.Authorization!.Parameter));
            callers.Add(new("admin", Role.Admin, "Bearer " + forum.Admin.DefaultRequestHeaders.Authorization!.Parameter));
        }
        callers.AddRange(
        [
            new("service", Role.Service, "Bearer " + key.Token("gateway", roles: ["service"])),
            new("anonymous", Role.Nobody, null),
            new("anonymous", Role.Nobody, null),
            new("expired token", Role.Nobody, "Bearer " + key.Token("quản_trị", roles: ["admin"], lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTime.UtcNow.AddHours(-2))),
            new("token of another key", Role.Nobody, "Bearer " + new TestSigningKey().Token("quản_trị", roles: ["admin"])),
            new("unsigned token", Role.Nobody, "Bearer " + TestSigningKey.Unsigned("quản_trị", ["admin", "service"])),
            new("forged role", Role.Nobody, "Bearer " + TestSigningKey.WithForgedRoles(member, ["admin"])),
            new("another issuer", Role.Nobody, "Bearer " + key.Token("quản_trị", roles: ["admin"], issuer: "someone-else")),
            new("another audience", Role.Nobody, "Bearer " + key.Token("quản_trị", roles: ["admin"], audience: "someone-else")),
            new("cut signature", Role.Nobody, "Bearer " + member[..^10]),
            new("garbage token", Role.Nobody, "Bearer abc.def.ghi"),
            new("huge token", Role.Nobody, "Bearer " + new string('A', 20_000)),
            new("wrong scheme", Role.Nobody, "Basic " + Convert.ToBase64String("quản_trị:mật-khẩu"u8.ToArray())),
            new("empty bearer", Role.Nobody, "Bearer"),
        ]);
        return new ExistingForum(callers, forum.PostId, forum.CommentId, "tin-tuc", ForumUnderBadInput.MemberName, ForumSystem.AdminName, forum.Antiforgery);
    }

    /// <summary>Every route the gateway proxies (its YARP configuration) is aimed at, so a new route cannot be left out.</summary>
    private static void AssertEveryProxiedRouteIsAimedAt(IReadOnlyList<Aim> aims)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.InRepository("gateway", "Forum.Gateway", "appsettings.json")));
        var aimed = aims.Where(a => a.Targets.Contains(Target.Gateway)).Select(a => a.Endpoint).ToHashSet();
        var missing = new List<string>();
        foreach (var route in settings.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject())
        {
            var match = route.Value.GetProperty("Match");
            var path = match.GetProperty("Path").GetString()!;
            foreach (var method in match.GetProperty("Methods").EnumerateArray().Select(m => m.GetString()))
            {
                var covered = aimed.Any(endpoint => endpoint.StartsWith(method + " ", StringComparison.Ordinal) && Matches(path, endpoint[(method!.Length + 1)..]));
                if (!covered && method != "HEAD")
                {
                    missing.Add($"{method} {path} ({route.Name})");
                }
            }
        }
        Assert.True(missing.Count == 0, "Proxied routes no request is aimed at:\n" + string.Join("\n", missing));
    }

    /// <summary>Whether a proxy route pattern and an aimed route meet: a parameter on either side matches any segment, a catch-all the rest.</summary>
    private static bool Matches(string pattern, string route)
    {
        var expected = pattern.Trim('/').Split('/');
        var actual = route.Trim('/').Split('/');
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i].StartsWith("{**", StringComparison.Ordinal))
            {
                return actual.Length > i;
            }
            if (i >= actual.Length || !(expected[i].StartsWith('{') || actual[i].StartsWith('{') || expected[i] == actual[i]))
            {
                return false;
            }
        }
        return expected.Length == actual.Length;
    }

    private sealed record Outcome(int Index, MalformedRequest Request, int? Status, string? Failure);

    private async Task<List<Outcome>> SendAllAsync(IReadOnlyList<MalformedRequest> requests)
    {
        var clients = new Dictionary<Target, (HttpClient Client, Uri Base)>();
        foreach (var (target, process) in new[] { (Target.Gateway, forum.Gateway), (Target.Posts, forum.Posts), (Target.Comments, forum.Comments), (Target.Engagement, forum.Engagement) })
        {
            // No cookies and no redirects followed: each request is exactly what was generated.
            var handler = new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = Concurrency,
                // Non-ASCII header values go out as raw UTF-8, as a careless client sends them.
                RequestHeaderEncodingSelector = (_, _) => global::System.Text.Encoding.UTF8,
            };
            clients[target] = (new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) }, process.BaseAddress);
        }
        var outcomes = new ConcurrentBag<Outcome>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (index, _) =>
            {
                var request = requests[index];
                var (client, baseAddress) = clients[request.Target];
                outcomes.Add(await SendAsync(index, request, client, baseAddress));
            });
        }
        finally
        {
            foreach (var (client, _) in clients.Values)
            {
                client.Dispose();
            }
        }
        return [.. outcomes.OrderBy(o => o.Index)];
    }

    private static async Task<Outcome> SendAsync(int index, MalformedRequest request, HttpClient client, Uri baseAddress, bool again = false)
    {
        HttpResponseMessage response;
        try
        {
            using var message = request.ToMessage(baseAddress);
            response = await client.SendAsync(message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && (request.MayBeCutOff || request.HttpServerMayRefuse))
        {
            // The server answered or closed before a huge or HTTP-malformed request was fully sent.
            return new Outcome(index, request, null, null);
        }
        catch (HttpRequestException) when (!again)
        {
            // A kept-alive connection the server closed after its last answer can be picked for
            // the next request before the close arrives; a client sends that request again, as
            // this does once. A request the server itself fails on fails the second time too.
            return await SendAsync(index, request, client, baseAddress, again: true);
        }
        catch (Exception e)
        {
            var causes = string.Join(" ← ", Causes(e).Select(cause => $"{cause.GetType().Name}: {cause.Message}"));
            return new Outcome(index, request, null, $"no answer, twice: {causes}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync();
            return new Outcome(index, request, status, Judge(request, response, status, body));
        }
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    /// <summary>Why an answer is wrong, or null if it is right.</summary>
    private static string? Judge(MalformedRequest request, HttpResponseMessage response, int status, byte[] body)
    {
        if (status >= 500)
        {
            return $"{status} {Truncate(body)}";
        }
        if (request.MustBeRefused && status < 400)
        {
            return $"accepted with {status}, though built to be refused: {Truncate(body)}";
        }
        if (status is < 400 or >= 500 || !request.IsApi || request.Method == "HEAD")
        {
            return null;
        }
        if (request.HttpServerMayRefuse && body.Length == 0)
        {
            return null;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json")
        {
            return $"{status} refused as {mediaType ?? "no content type"}, not a problem detail: {Truncate(body)}";
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (!problem.RootElement.TryGetProperty("status", out var shown) || shown.GetInt32() != status)
            {
                return $"{status} with a problem detail that does not state it: {Truncate(body)}";
            }
        }
        catch (JsonException)
        {
            return $"{status} with a problem detail that is not JSON: {Truncate(body)}";
        }
        return null;
    }

    private static string Truncate(byte[] body)
    {
        var text = global::System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500));
        return body.Length > 500 ? text + "…" : text;
    }

    private static string Summary(IReadOnlyList<Outcome> outcomes)
    {
        var byEndpoint = outcomes.GroupBy(o => $"{o.Request.Endpoint} → {o.Request.Target}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key,-60} {g.Count(),5}  " + string.Join(" ", g.GroupBy(o => o.Status?.ToString() ?? "cut").OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}")));
        return $"{outcomes.Select(o => o.Request.Endpoint).Distinct().Count()} endpoints, {outcomes.Select(o => $"{o.Request.Endpoint} {o.Request.Target}").Distinct().Count()} endpoint-process pairs:\n"
            + string.Join("\n", byEndpoint);
    }
}
