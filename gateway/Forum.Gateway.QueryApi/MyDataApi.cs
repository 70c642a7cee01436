using System.Security.Claims;
using Forum.Gateway.Accounts;
using Forum.Gateway.Drafts;
using Forum.Gateway.ReadModels.Authors;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.QueryApi;

/// <summary>A member's own data as they take it away: the account and profile, everything they wrote that is still there, and what they have not published yet.</summary>
public sealed record MyData(
    DateTimeOffset ExportedAt, MyAccount Account, IReadOnlyList<MyPost> Posts, IReadOnlyList<MyComment> Comments, IReadOnlyList<DraftView> Drafts);

public sealed record MyAccount(
    Guid Id, string UserName, string? Email, bool EmailVerified, IReadOnlyList<string> Roles, DateTimeOffset JoinedAt, string? DisplayName, string? Bio, string? Avatar);

public sealed record MyPost(Guid Id, string Board, string Title, string BodyHtml, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt, long Views, long Likes, long Comments, bool Hidden);

public sealed record MyComment(Guid Id, Guid PostId, Guid? ParentId, string BodyHtml, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Hidden);

/// <summary><c>GET /api/accounts/me/export</c>: the member's own data, as a JSON file to keep.</summary>
public static class MyDataApi
{
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts/me/export", ExportAsync).RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<IResult> ExportAsync(ClaimsPrincipal user, AccountDirectory accounts, AuthorQueries authors, Drafts.Drafts drafts, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("export member data");
        if (await accounts.FindAsync(user.UserIdOf(), cancellationToken) is not { } account)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account no longer exists.");
        }
        var (posts, comments) = await authors.EverythingAsync(account.UserName, cancellationToken);
        var now = clock.GetUtcNow();
        response.Headers.ContentDisposition = $"attachment; filename=\"forum-data-{now:yyyyMMdd}.json\"";
        return TypedResults.Ok(new MyData(
            now,
            new MyAccount(account.Id, account.UserName, account.Email, account.EmailVerified, account.Roles, account.CreatedAt, account.DisplayName, account.Bio, account.Avatar),
            [.. posts.Select(p => new MyPost(p.Id, p.Board, p.Title, p.BodyHtml, p.PublishedAt, p.EditedAt, p.Views, p.Likes, p.Comments, p.Hidden))],
            [.. comments.Select(c => new MyComment(c.Id, c.PostId, c.ParentId, c.BodyHtml, c.CreatedAt, c.EditedAt, c.Hidden))],
            [.. (await drafts.AllAsync(account.Id, cancellationToken)).Select(DraftView.Of)]));
    }
}
