using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>What a caller may do; a request whose caller may not act is refused for that alone.</summary>
public enum Role { Nobody, Member, OtherMember, Admin, Service }

/// <summary>Who a request claims to be: the value of its Authorization header, if any.</summary>
public sealed record Caller(string Name, Role Role, string? Authorization);

/// <summary>What already exists in the forum under test, for requests that reach real aggregates.</summary>
/// <param name="PostId">A post by <paramref name="MemberName"/>, at version 1.</param>
/// <param name="CommentId">A comment by <paramref name="MemberName"/> on that post, at version 1.</param>
/// <param name="Antiforgery">A form token and the cookie it belongs to, of an anonymous browser.</param>
public sealed record ExistingForum(
    IReadOnlyList<Caller> Callers, Guid PostId, Guid CommentId, string Board, string MemberName, string AdminName,
    (string Token, string Cookie) Antiforgery);

/// <summary>One endpoint the fuzzer aims at, with the processes that serve it and how to build a bad request for it.</summary>
public sealed record Aim(string Endpoint, Target[] Targets, Func<Target, MalformedRequest> Build);

/// <summary>
/// Builds malformed requests for every endpoint of the gateway and the services. A request that
/// reaches a state-changing endpoint as a caller allowed to act always carries at least one
/// defect that must make it refused (an invalid field, a bad id, a stale or malformed If-Match,
/// an unreadable body); reads may be anything, since they change nothing.
/// </summary>
public sealed class MalformedRequests(Nasty n, ExistingForum forum)
{
    private static readonly Target[] Services = [Target.Posts, Target.Comments, Target.Engagement];
    private static readonly Target[] Gateway = [Target.Gateway];
    private static readonly Target[] PostsOrGateway = [Target.Posts, Target.Gateway];
    private static readonly Target[] CommentsOrGateway = [Target.Comments, Target.Gateway];
    private static readonly Target[] CommentsOnly = [Target.Comments];
    private static readonly Target[] EngagementOrGateway = [Target.Engagement, Target.Gateway];
    private static readonly Role[] Members = [Role.Member, Role.OtherMember, Role.Admin];
    private static readonly Role[] Authors = [Role.Member, Role.Admin];
    private static readonly Role[] Admins = [Role.Admin];
    private static readonly Role[] Reviewers = [Role.Admin, Role.Service];
    private static readonly Role[] Everyone = [Role.Nobody, Role.Member, Role.OtherMember, Role.Admin, Role.Service];

    /// <summary>Every endpoint, as "METHOD /route" the way <see cref="Forum.Testing.EndpointAudit"/> names them.</summary>
    public IReadOnlyList<Aim> Aims() =>
    [
        // Every service's own operational endpoints.
        new("GET /health/live", [.. Services, .. Gateway], t => Read(t, "/health/live" + Query())),
        new("GET /health/ready", [.. Services, .. Gateway], t => Read(t, "/health/ready" + Query())),
        new("GET /metrics", [.. Services, .. Gateway], t => Read(t, "/metrics" + Query())),
        new("GET /api/admin/events", Services, t => Read(t, "/api/admin/events" + Query(("after", n.Number), ("limit", n.Number)))),

        // The posts service, directly and through the gateway's routes.
        new("POST /api/boards", PostsOrGateway, t => Write(t, "POST", "/api/boards", Admins, CreateBoardBody)),
        new("PUT /api/boards/{slug}", PostsOrGateway, t => Write(t, "PUT", $"/api/boards/{forum.Board}", Admins, EditBoardBody)),
        new("POST /api/posts", PostsOrGateway, PublishPost),
        new("PUT /api/posts/{id}", PostsOrGateway, t => Write(t, "PUT", PostPath(out var idOk), Authors, PostBody, idOk, ifMatch: IfMatch(required: true))),
        new("DELETE /api/posts/{id}", PostsOrGateway, t => Write(t, "DELETE", PostPath(out var idOk), Authors, null, idOk, ifMatch: IfMatch(required: false))),
        .. new[] { "lock", "unlock", "pin", "unpin" }.Select(action => new Aim($"POST /api/posts/{{id}}/{action}", PostsOrGateway,
            t => Write(t, "POST", PostPath(out var idOk) + "/" + action, Admins, null, idOk, ifMatch: IfMatch(required: false)))),
        .. new[] { "hide", "unhide" }.Select(action => new Aim($"POST /api/posts/{{id}}/{action}", PostsOrGateway,
            t => Write(t, "POST", PostPath(out var idOk) + "/" + action + Query(("reason", n.QueryValue)), Reviewers, null, idOk))),
        new("GET /api/posts/{id}/revisions", PostsOrGateway, t => Read(t, $"/api/posts/{AnyId(forum.PostId)}/revisions" + Query())),
        new("GET /api/posts/{id}", PostsOrGateway, PostAsItWas),
        new("POST /api/uploads", PostsOrGateway, Upload),
        new("GET /upload/{hash}.webp", PostsOrGateway, t => Read(t, UploadPath(), method: n.Pick("GET", "GET", "HEAD"))),
        // No post of this forum has a tag: every tag moderation is of a tag that is not there.
        new("POST /api/tags/{tag}/rename", PostsOrGateway, t => Write(t, "POST", $"/api/tags/{Tag()}/rename", Admins, RenameTagBody, idExists: false)),
        new("POST /api/tags/{tag}/merge", PostsOrGateway, t => Write(t, "POST", $"/api/tags/{Tag()}/merge", Admins, MergeTagBody, idExists: false)),
        new("DELETE /api/tags/{tag}", PostsOrGateway, t => Write(t, "DELETE", $"/api/tags/{Tag()}", Admins, null, idExists: false)),

        // The comments service.
        new("POST /api/posts/{id}/comments", CommentsOrGateway, t => Write(t, "POST", $"/api/posts/{Id(forum.PostId, out var idOk)}/comments", Members, AddCommentBody, idOk)),
        new("PUT /api/bookmarks/posts/{id}", Gateway, t => Write(t, "PUT", $"/api/bookmarks/posts/{Id(forum.PostId, out var idOk)}", Members, BookmarkBody, idOk)),
        new("PUT /api/bookmarks/comments/{id}", Gateway, t => Write(t, "PUT", $"/api/bookmarks/comments/{Id(forum.CommentId, out var idOk)}", Members, BookmarkBody, idOk)),
        new("GET /api/bookmarks", Gateway, t => Read(t, "/api/bookmarks" + Query(("page", n.Number)))),
        new("GET /api/drafts", Gateway, t => Read(t, "/api/drafts" + Query())),
        new("GET /api/drafts/{place}", Gateway, t => Read(t, $"/api/drafts/{DraftPlace(out _)}" + Query())),
        new("PUT /api/drafts/{place}", Gateway, t => Write(t, "PUT", $"/api/drafts/{DraftPlace(out var placeOk)}", Members, DraftBody, placeOk)),
        new("DELETE /api/drafts/{place}", Gateway, t => Write(t, "DELETE", $"/api/drafts/{DraftPlace(out _, out var wellFormed)}", Members, null, wellFormed)),
        new("PUT /api/comments/{id}", CommentsOrGateway, t => Write(t, "PUT", $"/api/comments/{Id(forum.CommentId, out var idOk)}", Authors, EditCommentBody, idOk, ifMatch: IfMatch(required: true))),
        new("DELETE /api/comments/{id}", CommentsOrGateway, t => Write(t, "DELETE", $"/api/comments/{Id(forum.CommentId, out var idOk)}", Authors, null, idOk, ifMatch: IfMatch(required: false))),

        .. new[] { "hide", "unhide" }.Select(action => new Aim($"POST /api/comments/{{id}}/{action}", CommentsOrGateway,
            t => Write(t, "POST", $"/api/comments/{Id(forum.CommentId, out var idOk)}/{action}" + Query(("reason", n.QueryValue)), Reviewers, null, idOk))),

        // The engagement service: likes are only ever sent for posts that do not exist or with a bad id.
        new("PUT /api/posts/{id}/like", EngagementOrGateway, t => Write(t, "PUT", $"/api/posts/{NeverExistingId()}/like", Members, null, idExists: false)),
        new("DELETE /api/posts/{id}/like", EngagementOrGateway, t => Write(t, "DELETE", $"/api/posts/{NeverExistingId()}/like", Members, null, idExists: false)),
        // A member's own notifications and what they watch (the notifications service, through the gateway).
        new("GET /api/notifications", Gateway, t => Read(t, "/api/notifications" + Query(("page", n.Number)))),
        new("GET /api/notifications/unread-count", Gateway, t => Read(t, "/api/notifications/unread-count" + Query())),
        new("POST /api/notifications/read", Gateway, t => Write(t, "POST", "/api/notifications/read", Members, null)),
        new("GET /api/posts/{id}/watch", Gateway, t => Read(t, $"/api/posts/{n.Pick(NeverExistingId().ToString(), forum.PostId.ToString(), "không-phải-guid", "%00", "")}/watch" + Query())),
        new("PUT /api/posts/{id}/watch", Gateway, t => Write(t, "PUT", $"/api/posts/{NeverExistingId()}/watch", Members, null, idExists: false)),
        new("DELETE /api/posts/{id}/watch", Gateway, t => Write(t, "DELETE", $"/api/posts/{NeverExistingId()}/watch", Members, null, idExists: false)),
        new("GET /api/boards/{slug}/watch", Gateway, t => Read(t, $"/api/boards/{Slug()}/watch" + Query())),
        new("PUT /api/boards/{slug}/watch", Gateway, t => Write(t, "PUT", $"/api/boards/never-{NeverExistingId():N}/watch", Members, null, idExists: false)),
        new("DELETE /api/boards/{slug}/watch", Gateway, t => Write(t, "DELETE", $"/api/boards/never-{NeverExistingId():N}/watch", Members, null, idExists: false)),
        new("GET /api/unread", Gateway, t => Read(t, "/api/unread" + Query(("posts", () => n.Pick(n.QueryValue(), $"{forum.PostId},{n.QueryValue()}", string.Join(',', Enumerable.Repeat(forum.PostId, 101))))))),
        new("GET /api/boards/{slug}/new", Gateway, t => Read(t, $"/api/boards/{Slug()}/new" + Query(("page", n.Number)))),
        new("POST /api/boards/{slug}/read", Gateway, t => Write(t, "POST", $"/api/boards/never-{NeverExistingId():N}/read", Members, null, idExists: false)),
        new("POST /internal/view-batches", [Target.Engagement, Target.Gateway], t => Write(t, "POST", "/internal/view-batches", [Role.Service], ViewBatchBody)),

        // The gateway's own API.
        new("GET /.well-known/jwks.json", Gateway, t => Read(t, "/.well-known/jwks.json" + Query())),
        new("POST /api/accounts", Gateway, t => Write(t, "POST", "/api/accounts", Everyone, RegisterBody)),
        new("POST /api/accounts/token", Gateway, t => Write(t, "POST", "/api/accounts/token", Everyone, SignInBody)),
        new("GET /api/accounts/me", Gateway, t => Read(t, "/api/accounts/me" + Query())),
        new("GET /api/accounts", Gateway, t => Read(t, "/api/accounts" + Query(("q", n.QueryValue)))),
        new("PUT /api/accounts/me/email", Gateway, t => Write(t, "PUT", "/api/accounts/me/email", Members, EmailBody)),
        new("POST /api/accounts/email/verify", Gateway, t => Write(t, "POST", "/api/accounts/email/verify", Everyone, LinkBody)),
        new("GET /api/accounts/me/export", Gateway, t => Read(t, "/api/accounts/me/export" + Query())),
        new("PUT /api/accounts/me/profile", Gateway, t => Write(t, "PUT", "/api/accounts/me/profile", Members, ProfileBody)),
        new("PUT /api/accounts/me/password", Gateway, t => Write(t, "PUT", "/api/accounts/me/password", Members, PasswordChangeBody)),
        new("POST /api/accounts/password-reset", Gateway, t => Write(t, "POST", "/api/accounts/password-reset", Everyone, ResetRequestBody)),
        new("POST /api/accounts/password-reset/complete", Gateway, t => Write(t, "POST", "/api/accounts/password-reset/complete", Everyone, ResetCompletionBody)),
        new("PUT /api/accounts/{userName}/roles/{role}", Gateway, t => Write(t, "PUT", RolePath(out var ok), Admins, null, ok)),
        new("DELETE /api/accounts/{userName}/roles/{role}", Gateway, t => Write(t, "DELETE", RolePath(out var ok), Admins, null, ok)),
        new("GET /api/boards", Gateway, t => Read(t, "/api/boards" + Query())),
        new("GET /api/boards/{slug}/posts", Gateway, t => Read(t, $"/api/boards/{Slug()}/posts" + Query(("page", n.Number), ("pageSize", n.Number), ("sort", n.QueryValue)))),
        new("GET /api/posts/{id}", Gateway, t => Read(t, $"/api/posts/{NeverExistingId()}" + Query())),
        new("GET /api/posts/{id}/comments", Gateway, t => Read(t, $"/api/posts/{AnyId(forum.PostId)}/comments" + Query(("page", n.Number)))),
        new("GET /api/search", Gateway, t => Read(t, "/api/search" + Query(("q", n.QueryValue), ("board", Slug), ("tag", Tag), ("page", n.Number), ("pageSize", n.Number)))),
        new("GET /api/tags/{tag}/posts", Gateway, t => Read(t, $"/api/tags/{Tag()}/posts" + Query(("page", n.Number), ("pageSize", n.Number)))),
        new("GET /api/stats/daily", Gateway, t => Read(t, "/api/stats/daily" + Query(("from", n.Date), ("to", n.Date)))),
        new("GET /api/admin/events/{service}", Gateway, t => Read(t, $"/api/admin/events/{n.Pick("posts", "comments", "engagement", "gateway", "", "..", "%2e%2e", "posts%00")}" + Query(("after", n.Number), ("limit", n.Number)))),
        // Starting a rebuild changes the read models: only ever asked by someone who may not.
        new("POST /api/admin/read-models/rebuild", Gateway, t => Write(t, "POST", "/api/admin/read-models/rebuild", Admins, null)),
        new("GET /api/admin/read-models/rebuild", Gateway, t => Read(t, "/api/admin/read-models/rebuild" + Query())),
        new("GET /boards/{slug}/feed", Gateway, t => Read(t, $"/boards/{Slug()}/feed" + Query())),
        new("GET /language/{culture}", Gateway, t => Read(t, $"/language/{n.Pick("vi", "en", "ko", "xx-YY", "", "..", "%00", n.Repeat("v", 300))}" + Query(("returnUrl", () => n.Pick("/", "//evil.example", "https://evil.example/", "/\\evil", "javascript:alert(1)", "%2f%2fevil", n.QueryValue()))))),

        // The web pages; forms carry an anonymous browser's antiforgery token or none at all.
        new("GET /", Gateway, t => Read(t, "/" + Query())),
        new("GET /account/register", Gateway, t => Read(t, "/account/register" + Query())),
        new("POST /account/register", Gateway, t => Form(t, "/account/register", RegisterFields)),
        new("GET /account/sign-in", Gateway, t => Read(t, "/account/sign-in" + Query(("returnUrl", n.QueryValue)))),
        new("POST /account/sign-in", Gateway, t => Form(t, "/account/sign-in" + Query(("returnUrl", n.QueryValue)), SignInFields)),
        new("GET /account/sign-out", Gateway, t => Read(t, "/account/sign-out" + Query())),
        new("POST /account/sign-out", Gateway, t => Form(t, "/account/sign-out", AnyFields)),
        new("GET /boards/{slug}", Gateway, t => Read(t, $"/boards/{Slug()}" + Query(("page", n.Number), ("sort", n.QueryValue), ("filter", () => n.Pick("new", n.QueryValue()))))),
        new("POST /boards/{slug}", Gateway, t => Form(t, $"/boards/{Slug()}" + Handler("Watch", "MarkRead"), AnyFields)),
        new("GET /compose", Gateway, t => Read(t, "/compose" + Query(("board", Slug)))),
        new("POST /compose", Gateway, t => Form(t, "/compose" + Handler("Preview", "Publish", "SaveDraft", "DiscardDraft"), AnyFields)),
        new("GET /posts/{id:guid}/edit", Gateway, t => Read(t, $"/posts/{n.Pick(forum.PostId.ToString(), NeverExistingId())}/edit" + Query())),
        new("POST /posts/{id:guid}/edit", Gateway, t => Form(t, $"/posts/{n.Pick(forum.PostId.ToString(), NeverExistingId())}/edit" + Handler("SaveDraft", "DiscardDraft"), AnyFields)),
        new("GET /posts/{id:guid}/revisions", Gateway, t => Read(t, $"/posts/{n.Pick(forum.PostId.ToString(), NeverExistingId())}/revisions" + Query())),
        new("GET /comments/{id:guid}/edit", Gateway, t => Read(t, $"/comments/{n.Pick(forum.CommentId.ToString(), NeverExistingId())}/edit" + Query())),
        new("POST /comments/{id:guid}/edit", Gateway, t => Form(t, $"/comments/{n.Pick(forum.CommentId.ToString(), NeverExistingId())}/edit", AnyFields)),
        new("GET /api/comments/{id}/source", CommentsOnly, t => Read(t, $"/api/comments/{AnyId(forum.CommentId)}/source" + Query())),
        new("GET /posts/{id:guid}", Gateway, t => Read(t, $"/posts/{NeverExistingId()}" + Query(("page", n.Number)))),
        new("POST /posts/{id:guid}", Gateway, t => Form(t, $"/posts/{NeverExistingId()}" + Handler("Comment", "Moderate", "Like", "Watch", "Bookmark", "Report", "Review", "SaveDraft", "DiscardDraft"), AnyFields)),
        new("GET /bookmarks", Gateway, t => Read(t, "/bookmarks" + Query(("page", n.Number)))),
        new("POST /bookmarks", Gateway, t => Form(t, "/bookmarks" + Handler("Remove"), AnyFields)),
        new("GET /notifications", Gateway, t => Read(t, "/notifications" + Query(("page", n.Number)))),
        new("POST /notifications", Gateway, t => Form(t, "/notifications" + Handler("ReadAll", "Read"), AnyFields)),
        new("GET /search", Gateway, t => Read(t, "/search" + Query(("q", n.QueryValue), ("tag", Tag), ("page", n.Number)))),
        new("GET /tags/{tag}", Gateway, t => Read(t, $"/tags/{Tag()}" + Query(("page", n.Number), ("done", n.QueryValue)))),
        new("POST /tags/{tag}", Gateway, t => Form(t, $"/tags/{Tag()}" + Handler("Rename", "Merge", "Delete"), AnyFields)),
        new("GET /stats", Gateway, t => Read(t, "/stats" + Query())),
        new("GET /users/{name}", Gateway, t => Read(t, $"/users/{n.Pick(forum.MemberName, "", "..", "%00", "%2e%2e%2fadmin", n.Repeat("u", 5000), Uri.EscapeDataString(n.WithForbiddenCharacter()))}" + Query())),
        new("GET /api/users/{name}", Gateway, t => Read(t, $"/api/users/{n.Pick(forum.MemberName, "", "..", "%00", "%2e%2e%2fadmin", n.Repeat("u", 5000), Uri.EscapeDataString(n.WithForbiddenCharacter()))}" + Query())),
    ];

    // ---- Requests ---------------------------------------------------------------------------

    private MalformedRequest Read(Target target, string pathAndQuery, string method = "GET")
    {
        var caller = AnyCaller();
        var headers = Noise(caller);
        if (n.Chance(0.05))
        {
            // A method nothing handles on this path: never one that could reach a handler that writes.
            method = n.Pick("PATCH", "OPTIONS", "PROPFIND", "FOO", "HEAD");
        }
        byte[]? body = null;
        string? contentType = null;
        if (n.Chance(0.1) && method != "HEAD")
        {
            (body, _) = n.NotAnObject();
            contentType = n.Pick("application/json", "text/plain", null);
        }
        return new MalformedRequest(Endpoint(), target, method, pathAndQuery, headers, body, contentType, $"read as {caller.Name}");
    }

    /// <summary>
    /// A request to an endpoint that changes state. When the caller is one of <paramref name="allowed"/>,
    /// the id names something real and If-Match is right, the body must carry a defect; without a
    /// body, such a request is sent by a caller who may not act instead.
    /// </summary>
    private MalformedRequest Write(
        Target target, string method, string path, Role[] allowed, Func<bool, (byte[]? Body, string? ContentType, string? Defect)>? body,
        bool idExists = true, (string? Value, bool Defective)? ifMatch = null)
    {
        var caller = AnyCaller();
        var ifMatchDefect = ifMatch is { Defective: true };
        if (body is null && allowed.Contains(caller.Role) && idExists && !ifMatchDefect)
        {
            // Nothing else would make it refused: let someone who may not act send it.
            var others = forum.Callers.Where(c => !allowed.Contains(c.Role)).ToList();
            caller = others[n.Random.Next(others.Count)];
        }
        var defects = new List<string>();
        if (!allowed.Contains(caller.Role))
        {
            defects.Add($"caller {caller.Name} may not");
        }
        if (!idExists)
        {
            defects.Add("no such id");
        }
        if (ifMatchDefect)
        {
            defects.Add($"If-Match {ifMatch!.Value.Value ?? "missing"}");
        }

        byte[]? content = null;
        string? contentType = null;
        if (body is not null)
        {
            (content, contentType, var bodyDefect) = body(defects.Count == 0 || n.Chance(0.7));
            if (bodyDefect is not null)
            {
                defects.Add(bodyDefect);
            }
        }
        else if (n.Chance(0.1))
        {
            (content, var why) = n.NotAnObject();
            contentType = "application/json";
            defects.Add("unexpected body: " + why);
        }
        if (!defects.Any(d => !d.StartsWith("unexpected body", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The generator built a request to {method} {path} that nothing makes refused.");
        }

        var headers = Noise(caller);
        if (ifMatch is { Value: { } tag })
        {
            headers.Add(new("If-Match", tag));
        }
        return new MalformedRequest(Endpoint(), target, method, path, headers, content, contentType, string.Join("; ", defects),
            MayBeCutOff: content is { Length: > 1_000_000 }, MustBeRefused: true);
    }

    private MalformedRequest PublishPost(Target target)
    {
        var request = Write(target, "POST", "/api/posts", Members, PostWithBoardBody);
        if (n.Chance(0.25))
        {
            var key = n.Chance(0.6) ? n.BadIdempotencyKey() : $"khoa-{n.Random.Next()}";
            var headers = request.Headers.Append(new("Idempotency-Key", key)).ToList();
            return request with { Headers = headers, Defect = request.Defect + $"; Idempotency-Key '{key}'" };
        }
        return request;
    }

    /// <summary>The posts service's history reads; through the gateway only with version or at, else the gateway counts a view.</summary>
    private MalformedRequest PostAsItWas(Target target)
    {
        var query = n.Pick<Func<string>>(
            () => Query(("version", n.Number)),
            () => Query(("at", n.Date)),
            () => $"?version={n.Number()}&at={n.Date()}",
            () => "?version",
            () => "?at=")();
        var id = target == Target.Posts ? AnyId(forum.PostId) : NeverExistingId();
        return Read(target, $"/api/posts/{id}{query}");
    }

    private MalformedRequest Upload(Target target)
    {
        var caller = AnyCaller();
        var headers = Noise(caller);
        var (body, contentType, defect, huge) = Multipart();
        return new MalformedRequest(Endpoint(), target, "POST", "/api/uploads", headers, body, contentType, $"{defect} as {caller.Name}", MayBeCutOff: huge, MustBeRefused: true);
    }

    /// <summary>A web form post: without a token (refused), or with an anonymous browser's token and bad fields.</summary>
    private MalformedRequest Form(Target target, string pathAndQuery, Func<List<KeyValuePair<string, string>>> fields)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var values = fields();
        var withToken = n.Chance(0.6);
        var defect = withToken ? "bad fields" : "no antiforgery token";
        if (withToken)
        {
            headers.Add(new("Cookie", forum.Antiforgery.Cookie + (n.Chance(0.2) ? "; forum.session=" + n.Pick("garbage", "CfDJ8" + n.Repeat("A", 500), "") : "")));
            if (n.Chance(0.8))
            {
                values.Add(new("__RequestVerificationToken", forum.Antiforgery.Token));
            }
            else
            {
                headers.Add(new("X-CSRF-TOKEN", forum.Antiforgery.Token));
            }
        }
        else if (n.Chance(0.5))
        {
            values.Add(new("__RequestVerificationToken", n.Pick("", "garbage", forum.Antiforgery.Token + "x", n.Repeat("A", 5000))));
        }
        headers.AddRange(Noise(AnyCaller()));

        var (body, contentType) = n.Pick<Func<(byte[], string?)>>(
            () => (Encoding.UTF8.GetBytes(string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"))), "application/x-www-form-urlencoded"),
            () => (Encoding.UTF8.GetBytes(string.Join('&', values.Select(v => $"{v.Key}={v.Value}"))), "application/x-www-form-urlencoded"),
            () => (MultipartForm(values), "multipart/form-data; boundary=ranh-gioi"),
            () => (MultipartForm(values), "multipart/form-data"),
            // Written by hand: a form may repeat a field, and so may this JSON.
            () => (Encoding.UTF8.GetBytes("{" + string.Join(',', values.Select(v => $"{JsonSerializer.Serialize(v.Key)}:{JsonSerializer.Serialize(v.Value)}")) + "}"), "application/json"),
            () => (n.NotAnObject().Body, n.Pick("application/x-www-form-urlencoded", "text/plain", null)))();
        return new MalformedRequest(Endpoint(), target, "POST", pathAndQuery, headers, body, contentType, defect, MayBeCutOff: body.Length > 1_000_000);
    }

    private static byte[] MultipartForm(IEnumerable<KeyValuePair<string, string>> values)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in values)
        {
            text.Append($"--ranh-gioi\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        text.Append("--ranh-gioi--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // ---- Callers, ids, headers --------------------------------------------------------------

    private Caller AnyCaller() => forum.Callers[n.Random.Next(forum.Callers.Count)];

    private List<KeyValuePair<string, string>> Noise(Caller caller)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (caller.Authorization is not null)
        {
            headers.Add(new("Authorization", caller.Authorization));
        }
        if (n.Chance(0.03))
        {
            headers.Add(new("X-Huge", n.Repeat("h", n.Random.Next(8_000, 20_000))));
        }
        if (n.Chance(0.01))
        {
            // Beyond Kestrel's 32 KiB of headers: the server itself answers 431.
            headers.Add(new("X-Huger", n.Repeat("H", n.Random.Next(40_000, 80_000))));
        }
        if (n.Chance(0.02))
        {
            headers.AddRange(Enumerable.Range(0, n.Random.Next(50, 90)).Select(i => KeyValuePair.Create($"X-Many-{i}", Uri.EscapeDataString(n.Word()))));
        }
        if (n.Chance(0.05))
        {
            headers.Add(new("Cookie", n.Pick("forum.session=garbage", "forum.antiforgery=%%%", ".AspNetCore.Culture=c%3Dxx%7Cuic%3D%00", "a=" + n.Repeat("b", 4000), "=;=;;")));
        }
        if (n.Chance(0.05))
        {
            headers.Add(new("Accept-Language", n.Pick("xx-YY", "vi;q=abc", "*;q=-1", n.Repeat("en,", 500), "ko-KR-x-" + n.Repeat("a", 100))));
        }
        if (n.Chance(0.05))
        {
            headers.Add(new("X-Forwarded-For", n.Pick("999.1.1.1", "::::", "127.0.0.1, garbage", n.Repeat("1.2.3.4,", 500), "")));
        }
        if (n.Chance(0.03))
        {
            headers.Add(new("If-None-Match", n.BadEntityTag()));
        }
        if (n.Chance(0.03))
        {
            headers.Add(new("If-Modified-Since", n.Date()));
        }
        if (n.Chance(0.03))
        {
            headers.Add(new("Range", n.Pick("bytes=-1", "bytes=99999999999999999999-", "bytes=5-1", "items=0-1", "bytes=0-0,0-0,0-0")));
        }
        if (n.Chance(0.03))
        {
            headers.Add(new("traceparent", n.Pick("00-xyz-abc-01", n.Repeat("0", 500), "ff-00000000000000000000000000000000-0000000000000000-ff")));
        }
        return headers;
    }

    /// <summary>A post id: the existing post, a GUID that names nothing, or not a GUID at all.</summary>
    private string Id(Guid existing, out bool exists)
    {
        exists = n.Chance(0.5);
        return exists ? n.Pick(existing.ToString(), existing.ToString("N"), existing.ToString().ToUpperInvariant()) : NeverExistingId();
    }

    private string AnyId(Guid existing) => Id(existing, out _);

    private string NeverExistingId() => n.Chance(0.3) ? Guid.NewGuid().ToString() : n.BadGuid();

    private string PostPath(out bool exists) => $"/api/posts/{Id(forum.PostId, out exists)}";

    private string RolePath(out bool mayChange)
    {
        var name = n.Pick(forum.MemberName, forum.AdminName, "không_có_ai", "", "..", "%00", n.Repeat("n", 3000), Uri.EscapeDataString(n.WithForbiddenCharacter()));
        var role = n.Pick("moderator", "admin", "Moderator", "", "service", "%00", n.Repeat("r", 2000));
        // Granting or revoking the moderator role of an existing account would change it.
        mayChange = role == "moderator" && (name == forum.MemberName || name == forum.AdminName);
        if (mayChange)
        {
            role = "admin";
            mayChange = false;
        }
        return $"/api/accounts/{name}/roles/{role}";
    }

    private (string? Value, bool Defective) IfMatch(bool required)
    {
        var roll = n.Random.NextDouble();
        if (roll < 0.55)
        {
            return (n.BadEntityTag(), true);
        }
        if (roll < 0.75)
        {
            return (null, required);
        }
        return (n.Pick("\"1\"", "\"01\""), false);
    }

    private string Tag() => n.Pick("tin%20t%E1%BB%A9c", "%ED%95%9C%EA%B5%AD%EC%96%B4", "khong-co", "", "..", "%2e%2e", "%00", "c%23", "a--b", n.Repeat("t", 3000), "tin%2f..", Uri.EscapeDataString(n.WithForbiddenCharacter()));

    private string Slug() => n.Pick(forum.Board, "tin-tuc", "khong-co", "", "Tin%20T%E1%BB%A9c", "..", "%2e%2e", "%00", "a--b", n.Repeat("s", 3000), "tin-tuc%2f..", Uri.EscapeDataString(n.WithForbiddenCharacter()));

    private string Handler(params string[] handlers) =>
        n.Chance(0.85) ? $"?handler={n.Pick([.. handlers, "Nope", "", "%00", n.Repeat("h", 500)])}" : "";

    private string UploadPath()
    {
        var hash = new string(Enumerable.Range(0, 64).Select(_ => "0123456789abcdef"[n.Random.Next(16)]).ToArray());
        return "/upload/" + n.Pick(
            hash + ".webp", hash.ToUpperInvariant() + ".webp", hash[..63] + ".webp", hash + "0.webp", hash + ".png", hash, ".webp", "",
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "....//....//etc/passwd", "..\\..\\windows\\win.ini",
            hash + ".webp/..", hash + ".webp%00.png", hash + "%00.webp", "/etc/passwd", "%252e%252e%252f" + hash + ".webp", hash + ".webp?x=" + n.QueryValue(),
            n.Repeat("a", 3000) + ".webp", Uri.EscapeDataString(n.WithForbiddenCharacter()) + ".webp");
    }

    private string Query(params (string Name, Func<string> Value)[] parameters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (n.Chance(0.7))
            {
                parts.Add($"{n.Pick(name, name, name, name.ToUpperInvariant(), name + "[]")}={value()}");
            }
        }
        if (n.Chance(0.1))
        {
            parts.Add(n.Pick("x=1", "=", "&", "a=%zz", "%00=%00", n.QueryValue(), "page=1&page=2"));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private string Endpoint() => _endpoint;

    private string _endpoint = "";

    /// <summary>The next request, aimed at a random endpoint of a random process that serves it.</summary>
    public MalformedRequest Next(IReadOnlyList<Aim> aims)
    {
        var aim = aims[n.Random.Next(aims.Count)];
        _endpoint = aim.Endpoint;
        var target = aim.Targets[n.Random.Next(aim.Targets.Length)];
        var request = aim.Build(target);
        // Kestrel refuses a request line beyond 8 KiB, a NUL in the path and 32 KiB of headers before any forum code runs.
        var path = request.PathAndQuery.Split('?')[0];
        var serverMayRefuse = request.HttpServerMayRefuse
            || request.PathAndQuery.Length > 8_000
            || path.Contains("%00", StringComparison.Ordinal)
            || request.Headers.Sum(h => h.Key.Length + h.Value.Length + 4) > 30_000
            || request.Method is "TRACE"
            || request.Headers.Any(h => h.Value.Any(c => c > 0x7e));
        return request with { HttpServerMayRefuse = serverMayRefuse };
    }

    // ---- Bodies -----------------------------------------------------------------------------

    /// <summary>
    /// A JSON body from a valid one: maybe with unknown fields added, and, when asked (or by
    /// chance), broken in one way that must make it refused: a field defect or an unreadable body.
    /// </summary>
    private (byte[]? Body, string? ContentType, string? Defect) Json(JsonObject valid, bool breakIt, params (string Field, Func<(JsonNode? Value, bool Remove, string Why)> Defect)[] fieldDefects)
    {
        if (n.Chance(0.2))
        {
            valid["extra" + n.Random.Next(100)] = n.Chance(0.5) ? n.Word() : n.WrongType();
        }
        if (!breakIt)
        {
            return (Encoding.UTF8.GetBytes(valid.ToJsonString()), n.Pick("application/json", "application/json; charset=utf-8"), null);
        }

        var roll = n.Random.NextDouble();
        if (roll < 0.6)
        {
            var (field, defect) = fieldDefects[n.Random.Next(fieldDefects.Length)];
            var (value, remove, why) = defect();
            if (remove)
            {
                valid.Remove(field);
            }
            else
            {
                valid[field] = value;
            }
            return (Encoding.UTF8.GetBytes(WithLoneSurrogates(valid.ToJsonString())), "application/json", $"{field}: {why}");
        }
        if (roll < 0.8)
        {
            var (body, why) = n.NotAnObject();
            return (body, n.Pick("application/json", "application/json; charset=utf-8"), why);
        }
        var contentType = n.Pick<string?>("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx", "json", null);
        return (Encoding.UTF8.GetBytes(valid.ToJsonString()), contentType, $"content type '{contentType}'");
    }

    /// <summary>
    /// The serializer writes a lone surrogate as U+FFFD; put the surrogate back as a JSON escape,
    /// which is what a client sending broken UTF-16 produces.
    /// </summary>
    private static string WithLoneSurrogates(string json) => json.Replace("\\uFFFD", "\\uD800", StringComparison.Ordinal);

    private Func<(JsonNode?, bool, string)> Missing => () => (null, true, "missing");

    private Func<(JsonNode?, bool, string)> Null => () => (null, false, "null");

    private Func<(JsonNode?, bool, string)> WrongType => () => (n.WrongType(), false, "wrong type");

    private Func<(JsonNode?, bool, string)> Text(string value, string why) => () => (JsonValue.Create(value), false, why);

    private Func<(JsonNode?, bool, string)> Forbidden => () => (JsonValue.Create(n.WithForbiddenCharacter()), false, "forbidden character");

    private Func<(JsonNode?, bool, string)> Overlong(string unit, int min, int max) =>
        () => (JsonValue.Create(n.Repeat(unit, n.Random.Next(min, max))), false, "too long");

    private (string, Func<(JsonNode?, bool, string)>)[] TitleDefects =>
    [
        ("title", Missing), ("title", Null), ("title", WrongType), ("title", Text("", "empty")), ("title", Text(" \t\n ", "blank")),
        ("title", Forbidden), ("title", Overlong("Tít ", 201 * 4, 20_000)),
    ];

    private (string, Func<(JsonNode?, bool, string)>)[] BodyDefects =>
    [
        ("body", WrongType), ("body", Forbidden), ("body", Overlong("Nội dung ", 70_000, n.Chance(0.1) ? 2_000_000 : 120_000)),
    ];

    private (byte[]?, string?, string?) PostWithBoardBody(bool breakIt) =>
        Json(new JsonObject { ["board"] = forum.Board, ["title"] = $"Tiêu đề {n.Word()}", ["body"] = "Nội dung" }, breakIt,
        [
            .. TitleDefects, .. BodyDefects,
            ("board", Missing), ("board", Null), ("board", WrongType), ("board", Text("", "empty")), ("board", Text("khong-co-bang-nay", "no such board")),
            ("board", Text("Tin Tức", "not a slug")), ("board", Overlong("b", 65, 5000)), ("board", Forbidden),
        ]);

    private (byte[]?, string?, string?) PostBody(bool breakIt) =>
        Json(new JsonObject { ["title"] = $"Đã sửa {n.Word()}", ["body"] = "Sửa" }, breakIt, [.. TitleDefects, .. BodyDefects]);

    private (byte[]?, string?, string?) CreateBoardBody(bool breakIt) =>
        Json(new JsonObject { ["slug"] = $"bang-{n.Random.Next()}", ["name"] = "Bảng", ["description"] = "Mô tả" }, breakIt,
        [
            ("slug", Missing), ("slug", Null), ("slug", WrongType), ("slug", Text("", "empty")), ("slug", Text("Tin Tức", "not a slug")),
            ("slug", Text("a--b", "not a slug")), ("slug", Text("-a", "not a slug")), ("slug", Text("../x", "not a slug")), ("slug", Overlong("s", 65, 5000)),
            ("slug", Text(forum.Board, "taken")), ("name", Missing), ("name", Null), ("name", WrongType), ("name", Text("", "empty")),
            ("name", Text("hai\ndòng", "two lines")), ("name", Forbidden), ("name", Overlong("Tên", 101, 5000)),
            ("description", WrongType), ("description", Forbidden), ("description", Overlong("Mô tả ", 501, 10_000)),
        ]);

    private (byte[]?, string?, string?) EditBoardBody(bool breakIt) =>
        Json(new JsonObject { ["name"] = "Tin tức", ["description"] = "Mô tả", ["position"] = 0 }, breakIt,
        [
            ("name", Missing), ("name", Null), ("name", WrongType), ("name", Text("", "empty")), ("name", Text("hai\ndòng", "two lines")),
            ("name", Forbidden), ("name", Overlong("Tên", 101, 5000)), ("description", WrongType), ("description", Forbidden),
            ("description", Overlong("Mô tả ", 501, 10_000)), ("position", () => (JsonValue.Create(-1), false, "negative")),
            ("position", () => (JsonValue.Create(10_000), false, "too far")), ("position", () => (JsonValue.Create("một"), false, "not a number")),
            ("position", () => (JsonValue.Create(1.5), false, "not whole")), ("position", () => (JsonValue.Create(1e12), false, "beyond an int")),
        ]);

    private (byte[]?, string?, string?) RenameTagBody(bool breakIt) =>
        Json(new JsonObject { ["to"] = $"thẻ {n.Word()}" }, breakIt, TagTargetDefects("to"));

    private (byte[]?, string?, string?) MergeTagBody(bool breakIt) =>
        Json(new JsonObject { ["into"] = "tin tức" }, breakIt, TagTargetDefects("into"));

    private (string, Func<(JsonNode?, bool, string)>)[] TagTargetDefects(string field) =>
    [
        (field, Missing), (field, Null), (field, WrongType), (field, Text("", "empty")), (field, Text("c#", "not a tag")), (field, Text("a--b", "two hyphens")),
        (field, Text("hai\ndòng", "two lines")), (field, Forbidden), (field, Overlong("t", 41, 5000)),
    ];

    private (byte[]?, string?, string?) AddCommentBody(bool breakIt) =>
        Json(new JsonObject { ["body"] = $"Bình luận {n.Word()}" }, breakIt,
        [
            ("body", Missing), ("body", Null), ("body", WrongType), ("body", Text("", "empty")), ("body", Forbidden), ("body", Overlong("Bình luận ", 17_000, 200_000)),
            ("parentId", () => (JsonValue.Create(Guid.NewGuid()), false, "no such parent")), ("parentId", WrongType),
            ("parentId", () => (JsonValue.Create(n.BadGuid()), false, "not a GUID")),
        ]);

    /// <summary>A draft's place: one that is there (<paramref name="exists"/>), or one malformed or naming nothing.</summary>
    private string DraftPlace(out bool exists) => DraftPlace(out exists, out _);

    /// <param name="wellFormed">Whether the place is written as a place is, there or not: discarding a draft at one that names nothing is done already (204).</param>
    private string DraftPlace(out bool exists, out bool wellFormed)
    {
        var real = n.Chance(0.5);
        exists = real;
        if (real)
        {
            wellFormed = true;
            return n.Pick($"board-{forum.Board}", $"comment-{forum.PostId}", $"edit-{forum.PostId}");
        }
        var namingNothing = new[] { "board-khong-co", $"comment-{NeverExistingId()}", $"edit-{NeverExistingId()}" };
        var malformed = new[]
        {
            "nowhere-1", "comment-42", "board-", "board", "board-Tin%20T%E1%BB%A9c", "edit-%00", "-", $"board-{n.Repeat("s", 3000)}",
            Uri.EscapeDataString(n.WithForbiddenCharacter()),
        };
        wellFormed = n.Chance(0.25);
        return wellFormed ? n.Pick(namingNothing) : n.Pick(malformed);
    }

    // A draft may be unfinished: a title or body left out or empty is not wrong, only too much or forbidden characters are.
    private (byte[]?, string?, string?) DraftBody(bool breakIt) =>
        Json(new JsonObject { ["title"] = $"Nháp {n.Word()}", ["body"] = $"Nội dung nháp {n.Word()}" }, breakIt,
        [
            ("title", WrongType), ("title", Forbidden), ("title", Overlong("Tít ", 201 * 4, 20_000)),
            ("body", WrongType), ("body", Forbidden), ("body", Overlong("ệ", 22_000, 100_000)),
            ("version", () => (JsonValue.Create(-1), false, "negative")), ("version", () => (JsonValue.Create(0), false, "zero")),
            ("version", () => (JsonValue.Create(1.5), false, "not whole")), ("version", () => (JsonValue.Create(true), false, "not a number")),
        ]);

    // A note may be left out, null or empty: only what is wrong with one makes a bookmark refused.
    private (byte[]?, string?, string?) BookmarkBody(bool breakIt) =>
        Json(new JsonObject { ["note"] = $"Ghi chú {n.Word()}" }, breakIt,
        [
            ("note", WrongType), ("note", Forbidden), ("note", Overlong("Ghi chú ", 301, 20_000)),
        ]);

    private (byte[]?, string?, string?) EditCommentBody(bool breakIt) =>
        Json(new JsonObject { ["body"] = $"Đã sửa {n.Word()}" }, breakIt,
        [
            ("body", Missing), ("body", Null), ("body", WrongType), ("body", Text("", "empty")), ("body", Forbidden), ("body", Overlong("Bình luận ", 17_000, 200_000)),
        ]);

    private (byte[]?, string?, string?) RegisterBody(bool breakIt) =>
        Json(new JsonObject { ["userName"] = n.Pick(forum.MemberName, forum.AdminName), ["password"] = "mật-khẩu-đủ-dài" }, true, CredentialDefects(taken: true));

    private (byte[]?, string?, string?) EmailBody(bool breakIt) =>
        Json(new JsonObject { ["email"] = "ten@example.vn" }, breakIt,
        [
            ("email", Missing), ("email", Null), ("email", WrongType), ("email", Text("", "empty")), ("email", Text("không có a còng", "not an address")),
            ("email", Text("Tên <ten@example.vn>", "with a name")), ("email", Text("a@b.vn, c@d.vn", "a list")), ("email", Text("ten@example.vn\r\nBcc: x@y.vn", "a header")),
            ("email", Text("ten@example", "no domain")), ("email", Overlong("a", 260, 5000)), ("email", Forbidden),
        ]);

    private (byte[]?, string?, string?) ProfileBody(bool breakIt) =>
        Json(new JsonObject { ["displayName"] = "Tên hiển thị", ["bio"] = "Giới thiệu" }, breakIt,
        [
            ("displayName", WrongType), ("displayName", Text("hai\ndòng", "two lines")), ("displayName", Overlong("Tên", 51, 5000)), ("displayName", Forbidden),
            ("bio", WrongType), ("bio", Overlong("b", 2001, 10_000)), ("bio", Forbidden), ("avatar", WrongType),
            ("avatar", Text("https://evil.example/a.webp", "not an upload")), ("avatar", Text("/upload/../x.webp", "not an upload")),
            ("avatar", Text("/upload/" + new string('0', 64) + ".webp", "no such upload")),
        ]);

    /// <summary>A link token that never was: always refused.</summary>
    private (byte[]?, string?, string?) LinkBody(bool breakIt)
    {
        var (body, contentType, defect) = Json(new JsonObject { ["token"] = n.Repeat("A", 43) }, n.Chance(0.7),
            [("token", Missing), ("token", Null), ("token", WrongType), ("token", Text("", "empty")), ("token", Overlong("x", 44, 5000)), ("token", Forbidden)]);
        return (body, contentType, defect ?? "no such link");
    }

    /// <summary>The current password given is never the right one.</summary>
    private (byte[]?, string?, string?) PasswordChangeBody(bool breakIt)
    {
        var (body, contentType, defect) = Json(new JsonObject { ["currentPassword"] = "sai-mật-khẩu-rồi", ["newPassword"] = "mật-khẩu-mới-đủ-dài" }, n.Chance(0.7),
        [
            ("currentPassword", Missing), ("currentPassword", Null), ("currentPassword", WrongType), ("newPassword", Missing), ("newPassword", Null),
            ("newPassword", WrongType), ("newPassword", Text("ngắn", "too short")), ("newPassword", Overlong("a", 257, 5000)), ("newPassword", Forbidden),
        ]);
        return (body, contentType, defect ?? "wrong current password");
    }

    /// <summary>Always broken: a well-formed request is answered 202 whoever it names (and mails nothing here, nobody has an address).</summary>
    private (byte[]?, string?, string?) ResetRequestBody(bool breakIt) =>
        Json(new JsonObject { ["login"] = forum.MemberName }, true,
            [("login", Missing), ("login", Null), ("login", WrongType), ("login", Text("", "empty")), ("login", Text("   ", "blank"))]);

    private (byte[]?, string?, string?) ResetCompletionBody(bool breakIt)
    {
        var (body, contentType, defect) = Json(new JsonObject { ["token"] = n.Repeat("B", 43), ["newPassword"] = "mật-khẩu-mới-đủ-dài" }, n.Chance(0.7),
        [
            ("token", Missing), ("token", Null), ("token", WrongType), ("newPassword", Missing), ("newPassword", Null), ("newPassword", WrongType),
            ("newPassword", Text("ngắn", "too short")), ("newPassword", Forbidden),
        ]);
        return (body, contentType, defect ?? "no such link");
    }

    /// <summary>Signing in changes nothing stored; the password is never the right one, so no session or token is won.</summary>
    private (byte[]?, string?, string?) SignInBody(bool breakIt)
    {
        var (body, contentType, defect) = Json(new JsonObject { ["userName"] = n.Pick(forum.MemberName, "không_có_ai"), ["password"] = "sai-mật-khẩu-rồi" },
            n.Chance(0.7), CredentialDefects(taken: false));
        return (body, contentType, defect ?? "wrong password");
    }

    /// <summary>Credentials that register nobody: a bad name or password, or (with a valid password) a taken name.</summary>
    private (string, Func<(JsonNode?, bool, string)>)[] CredentialDefects(bool taken) =>
    [
        ("userName", Missing), ("userName", Null), ("userName", WrongType), ("userName", Text("", "empty")), ("userName", Text("ab", "too short")),
        ("userName", Overlong("n", 33, 3000)), ("userName", Text("có dấu cách", "a space")), ("userName", Text("a/b", "a slash")), ("userName", Text("<b>", "markup")),
        ("userName", Forbidden), ("password", Missing), ("password", Null), ("password", WrongType), ("password", Text("", "empty")),
        ("password", Text("ngắn", "too short")), ("password", Overlong("p", 257, 100_000)), ("password", Forbidden),
        .. taken ? new[] { ("userName", Text(forum.MemberName, "taken")), ("userName", Text(forum.MemberName.ToUpperInvariant(), "taken, in capitals")) } : [],
    ];

    private (byte[]?, string?, string?) ViewBatchBody(bool breakIt)
    {
        JsonObject Hit() => new() { ["postId"] = Guid.NewGuid(), ["viewer"] = "khach", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-1) };
        var hits = new JsonArray([.. Enumerable.Range(0, n.Random.Next(0, 4)).Select(_ => (JsonNode?)Hit())]);
        var brokenHit = Hit();
        return Json(new JsonObject { ["batchId"] = Guid.NewGuid(), ["hits"] = hits }, true,
        [
            ("batchId", Missing), ("batchId", Null), ("batchId", WrongType), ("batchId", Text(Guid.Empty.ToString(), "empty GUID")), ("batchId", Text("abc", "not a GUID")),
            // Not WrongType: an empty array is a valid list of hits.
            ("hits", Missing), ("hits", Null), ("hits", Text("hits", "a string")), ("hits", () => (new JsonObject(), false, "an object")),
            ("hits", () => (new JsonArray([.. Enumerable.Range(0, 10_001).Select(_ => (JsonNode?)Hit())]), false, "too many hits")),
            ("hits", () => (new JsonArray(null, JsonValue.Create(1)), false, "hits that are not hits")),
            ("hits", () =>
            {
                var (field, value) = n.Pick<(string, JsonNode?)>(("postId", Guid.Empty.ToString()), ("postId", "abc"), ("viewer", ""), ("viewer", " "), ("viewer", n.Repeat("v", 201)),
                    ("viewer", null), ("at", "0001-01-01T00:00:00Z"), ("at", "2999-01-01T00:00:00Z"), ("at", "yesterday"), ("at", 5));
                brokenHit[field] = value;
                return (new JsonArray(Hit(), brokenHit), false, $"a hit with {field} {value?.ToJsonString()}");
            }),
        ]);
    }

    /// <summary>Multipart bodies that never hold a decodable image: odd envelopes, lying parts, traversal in names, too much.</summary>
    private (byte[] Body, string? ContentType, string Defect, bool Huge) Multipart()
    {
        var fileName = n.Pick("anh.png", "../../../etc/passwd", "..\\..\\x.webp", "%2e%2e%2fx.webp", "/tmp/x", "a\u0000b.png", "con", n.Repeat("n", 300) + ".png",
            "ảnh 한국.png", "x.webp\r\nX-Injected: 1", "");
        var (content, what) = n.Pick<Func<(byte[], string)>>(
            () => (n.RandomBytes(n.Random.Next(0, 4096)), "random bytes"),
            () => ([0x89, .. "PNG\r\n\u001a\n"u8, .. n.RandomBytes(n.Random.Next(10, 2048))], "a PNG signature and noise"),
            () => ([.. "GIF89a"u8, .. n.RandomBytes(n.Random.Next(10, 512))], "a GIF header and noise"),
            () => ([0xFF, 0xD8, 0xFF, 0xE0, .. n.RandomBytes(n.Random.Next(10, 512))], "a JPEG header and noise"),
            () => ([.. "RIFF\u0000\u0000\u0000\u0000WEBPVP8 "u8, .. n.RandomBytes(64)], "a WebP header and noise"),
            () => ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "SVG with script"),
            () => ("<html><script>alert(1)</script></html>"u8.ToArray(), "HTML"),
            () => ([], "an empty file"))();
        var partType = n.Pick("image/png", "image/webp", "application/octet-stream", "text/html", "", "image/svg+xml");
        var field = n.Pick("file", "file", "file", "image", "File", "file[]", "");

        string Part(string name, string filename, string type, string bodyText) =>
            $"--ranh-gioi\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {type}\r\n\r\n{bodyText}\r\n";
        byte[] Envelope(string head, byte[] file, string tail) => [.. Encoding.UTF8.GetBytes(head), .. file, .. Encoding.UTF8.GetBytes(tail)];
        var head = $"--ranh-gioi\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\nContent-Type: {partType}\r\n\r\n";
        const string contentType = "multipart/form-data; boundary=ranh-gioi";

        return n.Random.Next(12) switch
        {
            0 => (Envelope(head, content, "\r\n--ranh-gioi--\r\n"), contentType, $"{what} named '{fileName}' in field '{field}'", false),
            1 => (Envelope(Part("file", "a.png", "image/png", "x") + head, content, "\r\n--ranh-gioi--\r\n"), contentType, "two files", false),
            2 => (Envelope(head, content, ""), contentType, "no closing boundary", false),
            3 => (Envelope(head, content, "\r\n--ranh-gioi--\r\n"), "multipart/form-data", "no boundary parameter", false),
            4 => (Envelope(head, content, "\r\n--ranh-gioi--\r\n"), "multipart/form-data; boundary=" + n.Repeat("b", 80), "boundary too long and not matching", false),
            5 => (Envelope(head, content, "\r\n--ranh-gioi--\r\n"), "multipart/form-data; boundary=khac", "boundary not matching", false),
            6 => (Envelope($"--ranh-gioi\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nX-Long: {n.Repeat("l", 20_000)}\r\n\r\n", content, "\r\n--ranh-gioi--\r\n"), contentType, "a part header beyond the limit", false),
            7 => (Envelope("--ranh-gioi\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n", content, "\r\n--ranh-gioi--\r\n"), contentType, "a field, not a file", false),
            8 => (Envelope(head, n.RandomBytes(5 * 1024 * 1024 + n.Random.Next(1, 2 * 1024 * 1024)), "\r\n--ranh-gioi--\r\n"), contentType, "more than 5 MiB of noise", true),
            9 => (Envelope(head, content, "\r\n--ranh-gioi--\r\n"), n.Pick("application/json", "text/plain", "image/png", "application/x-www-form-urlencoded"), "not multipart", false),
            10 => ([], contentType, "an empty body", false),
            _ => (Envelope(Part("note", "", "text/plain", n.Word()), [], "--ranh-gioi--\r\n"), contentType, "no file field", false),
        };
    }

    // ---- Form fields ------------------------------------------------------------------------

    private List<KeyValuePair<string, string>> RegisterFields()
    {
        var (name, password) = n.Pick<Func<(string, string)>>(
            () => (forum.MemberName, "mật-khẩu-đủ-dài"),
            () => ("ab", "mật-khẩu-đủ-dài"),
            () => ("người_mới", "ngắn"),
            () => (n.WithForbiddenCharacter(), "mật-khẩu-đủ-dài"),
            () => (n.Repeat("n", 3000), n.Repeat("p", 3000)),
            () => ("", ""))();
        return [new("UserName", name), new("Password", password)];
    }

    private List<KeyValuePair<string, string>> SignInFields() =>
        [new("UserName", n.Pick(forum.MemberName, "", n.Repeat("n", 3000), n.WithForbiddenCharacter())), new("Password", n.Pick("sai-mật-khẩu", "", n.Repeat("p", 5000), n.WithForbiddenCharacter()))];

    private List<KeyValuePair<string, string>> AnyFields() =>
    [
        .. Enumerable.Range(0, n.Random.Next(0, 5)).Select(_ => KeyValuePair.Create(
            n.Pick("Board", "Title", "Body", "body", "parentId", "action", "Image", "x", ""), n.Pick(n.Word(), n.WithForbiddenCharacter(), n.BadGuid(), n.Repeat("a", 70_000), "lock"))),
    ];
}
