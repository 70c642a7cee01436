using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Bench.Forum;
using Npgsql;

namespace Forum.Bench.Seeding;

/// <summary>How big a forum to write.</summary>
public sealed record SeedPlan(int Boards, int Posts, int PostsOnBigBoard, int Comments)
{
    public static SeedPlan Full => new(10, 20_000, 10_000, 100_000);
    public static SeedPlan Quick => new(10, 2_000, 1_000, 5_000);
}

/// <summary>What the seeded forum holds, for the scenarios to aim at.</summary>
public sealed record SeededForum(
    string BigBoard, IReadOnlyList<string> Boards, IReadOnlyDictionary<string, List<Guid>> PostsByBoard,
    IReadOnlyList<string> AuthorTokens, string AdminToken, int Comments)
{
    public IEnumerable<Guid> PostsOutside(string board) => PostsByBoard.Where(b => b.Key != board).SelectMany(b => b.Value);
}

/// <summary>
/// Writes the forum through the services' own APIs, in parallel, as many clients would: accounts
/// and boards through the gateway, posts and comments straight to the posts and comments services
/// (the gateway would only add its proxying to every call). The gateway's read models are then
/// built by its real projectors from the events; seeding waits until they hold everything.
/// </summary>
public sealed class Seeder(ForumSystem forum, Action<string, double, string> figure)
{
    private const string Password = "mật-khẩu-đủ-dài-để-đo";
    private const int Parallelism = 32;
    private const string BigBoard = "tin-tuc";

    private static readonly (string Slug, string Name, string Description)[] ExtraBoards =
    [
        ("hoc-tap", "Học tập", "Du học, tiếng Hàn, học bổng."),
        ("suc-khoe", "Sức khỏe", "Bảo hiểm, bệnh viện, thuốc men."),
        ("an-uong", "Ăn uống", "Quán ăn, chợ, nấu ăn kiểu Việt ở Hàn."),
        ("giao-luu", "Giao lưu 한인 교류", "Giao lưu Việt – Hàn, 한국 친구 사귀기."),
        ("thu-tuc", "Thủ tục", "Giấy tờ, visa, xuất nhập cảnh."),
    ];

    public async Task<SeededForum> SeedAsync(SeedPlan plan, CancellationToken cancellationToken)
    {
        using var gateway = Client(forum.Gateway.BaseAddress);
        var adminToken = await SignUpAsync(gateway, ForumSystem.AdminName, cancellationToken);
        var authorTokens = new List<string>();
        foreach (var name in SampleText.AuthorNames)
        {
            authorTokens.Add(await SignUpAsync(gateway, name, cancellationToken));
        }

        foreach (var (slug, name, description) in ExtraBoards.Take(Math.Max(0, plan.Boards - 5)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/boards") { Content = JsonContent.Create(new { slug, name, description }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var created = await gateway.SendAsync(request, cancellationToken);
            Check(created, $"creating board {slug}");
        }
        var boards = await WaitForBoardsAsync(gateway, plan.Boards, cancellationToken);
        const string bigBoard = BigBoard;

        // The big board's posts, then the rest spread over the other boards.
        var others = boards.Where(b => b != bigBoard).ToArray();
        var targets = Enumerable.Range(0, plan.Posts)
            .Select(i => i < plan.PostsOnBigBoard ? bigBoard : others[i % others.Length])
            .ToArray();
        var postsByBoard = boards.ToDictionary(b => b, _ => new List<Guid>());
        using var posts = Client(forum.Posts.BaseAddress);
        var stopwatch = Stopwatch.StartNew();
        await ForEachAsync(targets.Length, async (i, text) =>
        {
            var post = new { board = targets[i], title = text.Title(), body = text.PostBody() };
            using var response = await CreateAsync(posts, "/api/posts", post, authorTokens[i % authorTokens.Count], cancellationToken);
            Check(response, "publishing a post");
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            lock (postsByBoard)
            {
                postsByBoard[targets[i]].Add(id);
            }
        }, cancellationToken);
        figure("seed: posts published straight to the posts service", plan.Posts / stopwatch.Elapsed.TotalSeconds, "/s");
        var projected = Stopwatch.StartNew();
        await WaitForCountAsync("mt_doc_postsummary", plan.Posts, cancellationToken);
        figure("seed: gateway read model holds every post, after the last 201", projected.Elapsed.TotalSeconds, "s");

        var allPosts = postsByBoard.Values.SelectMany(p => p).ToArray();
        using var comments = Client(forum.Comments.BaseAddress);
        stopwatch.Restart();
        await ForEachAsync(plan.Comments, async (i, text) =>
        {
            // A skew as on a real forum: a tenth of the posts get half the comments.
            var post = i % 2 == 0 ? allPosts[i / 2 % (allPosts.Length / 10)] : allPosts[i * 7919 % allPosts.Length];
            using var response = await CreateAsync(comments, $"/api/posts/{post}/comments", new { body = text.Comment() }, authorTokens[(i * 31) % authorTokens.Count], cancellationToken);
            Check(response, "adding a comment");
        }, cancellationToken);
        figure("seed: comments added straight to the comments service", plan.Comments / stopwatch.Elapsed.TotalSeconds, "/s");
        projected.Restart();
        await WaitForCountAsync("mt_doc_commentview", plan.Comments, cancellationToken);
        figure("seed: gateway read model holds every comment, after the last 201", projected.Elapsed.TotalSeconds, "s");

        return new SeededForum(bigBoard, boards, postsByBoard, authorTokens, adminToken, plan.Comments);
    }

    /// <summary>
    /// What a forum restored from the kept snapshot holds, read back through the APIs: the
    /// accounts sign in again (the run's signing key is new), boards and posts from the listings.
    /// </summary>
    public async Task<SeededForum> LoadAsync(SeedPlan plan, CancellationToken cancellationToken)
    {
        using var gateway = Client(forum.Gateway.BaseAddress);
        var adminToken = await SignInAsync(gateway, ForumSystem.AdminName, cancellationToken);
        var authorTokens = new List<string>();
        foreach (var name in SampleText.AuthorNames)
        {
            authorTokens.Add(await SignInAsync(gateway, name, cancellationToken));
        }
        var boards = await WaitForBoardsAsync(gateway, plan.Boards, cancellationToken);
        var postsByBoard = new Dictionary<string, List<Guid>>();
        foreach (var board in boards)
        {
            var posts = postsByBoard[board] = [];
            for (var page = 1; ; page++)
            {
                var listing = await gateway.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts?page={page}&pageSize=100", cancellationToken);
                posts.AddRange(listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
                if (page >= listing.GetProperty("totalPages").GetInt32())
                {
                    break;
                }
            }
        }
        var comments = await CountAsync("mt_doc_commentview", cancellationToken);
        return new SeededForum(BigBoard, boards, postsByBoard, authorTokens, adminToken, (int)comments);
    }

    /// <summary>How many documents of a read model the gateway's database holds.</summary>
    public async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(forum.DatabaseConnection("gateway"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from forum.{table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits until the gateway's read model holds at least <paramref name="expected"/> documents.</summary>
    public async Task WaitForCountAsync(string table, long expected, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        long count = 0;
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromMinutes(10)))
        {
            count = await CountAsync(table, cancellationToken);
            if (count >= expected)
            {
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"The gateway's {table} holds {count} of {expected} documents.");
    }

    private static async Task ForEachAsync(int count, Func<int, SampleText, Task> body, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async worker =>
        {
            var text = new SampleText(worker);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await body(i, text);
            }
        }));
    }

    private static async Task<List<string>> WaitForBoardsAsync(HttpClient gateway, int expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var boards = await gateway.GetFromJsonAsync<JsonElement>("/api/boards", cancellationToken);
            var slugs = boards.EnumerateArray().Select(b => b.GetProperty("slug").GetString()!).ToList();
            if (slugs.Count >= expected)
            {
                return slugs;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The gateway lists {slugs.Count} of {expected} boards.");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<string> SignUpAsync(HttpClient gateway, string userName, CancellationToken cancellationToken)
    {
        using var registered = await gateway.PostAsJsonAsync("/api/accounts", new { userName, password = Password }, cancellationToken);
        Check(registered, $"registering {userName}");
        return await SignInAsync(gateway, userName, cancellationToken);
    }

    private static async Task<string> SignInAsync(HttpClient gateway, string userName, CancellationToken cancellationToken)
    {
        using var token = await gateway.PostAsJsonAsync("/api/accounts/token", new { userName, password = Password }, cancellationToken);
        Check(token, $"signing in {userName}");
        return (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// A new member who signs in through the web form, as a browser does: the <c>Cookie</c> header
    /// their browser then sends with every page.
    /// </summary>
    public static async Task<string> SignUpOnTheWebAsync(Uri gatewayAddress, string userName, CancellationToken cancellationToken)
    {
        using (var api = Client(gatewayAddress))
        {
            await SignUpAsync(api, userName, cancellationToken);
        }
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = gatewayAddress };
        var form = await browser.GetStringAsync("/account/sign-in", cancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        if (signedIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing {userName} in on the web: {(int)signedIn.StatusCode}");
        }
        return cookies.GetCookieHeader(gatewayAddress);
    }

    /// <summary>
    /// A create as a careful client sends it: with an <c>Idempotency-Key</c>, sent again with the same
    /// key after a 503 (the service answers so when its database is slow to give a connection, as
    /// on two cores busy seeding), so it is made once whatever happens.
    /// </summary>
    private static async Task<HttpResponseMessage> CreateAsync(HttpClient service, string path, object body, string token, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            var response = await service.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static void Check(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }
}
