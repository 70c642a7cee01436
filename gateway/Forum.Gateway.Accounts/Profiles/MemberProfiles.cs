using System.Text.Json.Serialization;
using System.Security.Claims;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Gateway.Accounts.Profiles;

/// <summary>
/// The body of <c>PUT /api/accounts/me/profile</c>: each field left out or empty is cleared, so a
/// field the forum does not know (a misspelt name) is refused rather than taken for a clearing.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ProfileRequest(string? DisplayName, string? Bio, string? Avatar);

/// <summary>A member's public profile: what their page and <c>GET /api/users/{name}</c> show of the account.</summary>
public sealed record ProfileView(string UserName, string? DisplayName, string? Bio, string? BioHtml, string? Avatar, DateTimeOffset JoinedAt)
{
    public static ProfileView From(Account account) =>
        new(account.UserName, account.DisplayName, account.Bio, account.BioHtml, account.Avatar, account.CreatedAt);
}

/// <summary>Members shape their profile: a display name, a Markdown bio (rendered and sanitised once), a picture.</summary>
public sealed class MemberProfiles(IDocumentStore store, AccountDirectory accounts, MarkdownRenderer markdown, Avatars avatars)
{
    public async Task<ProfileView?> FindAsync(string userName, CancellationToken cancellationToken) =>
        await accounts.FindAsync(userName, cancellationToken) is { } account ? ProfileView.From(account) : null;

    public async Task<ProfileView?> SaveAsync(Guid accountId, string? displayName, string? bio, string? avatar, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("save profile");
        if (await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return null;
        }
        var changed = account with { DisplayName = displayName, Bio = bio, BioHtml = bio is null ? null : markdown.Render(bio).Html, Avatar = avatar };
        await using var session = store.LightweightSession();
        session.Store(changed);
        await session.SaveChangesAsync(cancellationToken);
        avatars.Heard(changed.UserName, changed.Avatar);
        return ProfileView.From(changed);
    }
}

/// <summary><c>PUT /api/accounts/me/profile</c>: a member's own profile.</summary>
public static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/accounts/me/profile", Save).RequireAuthorization(ForumPolicies.Member);
        return app;
    }

    internal static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> Save(
        ProfileRequest request, ClaimsPrincipal user, MemberProfiles profiles, UploadedImages uploads, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var displayName = ProfileRules.CheckDisplayName(request.DisplayName, errors);
        var bio = ProfileRules.CheckBio(request.Bio, errors);
        var avatar = ProfileRules.CheckAvatar(request.Avatar, errors);
        if (!errors.Any && avatar is not null && !await uploads.ExistsAsync(avatar, cancellationToken))
        {
            errors.Add("avatar", "There is no such upload: upload the picture first with POST /api/uploads.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The profile cannot be saved.");
        }
        return await profiles.SaveAsync(user.UserIdOf(), displayName, bio, avatar, cancellationToken) is { } saved
            ? TypedResults.Ok(saved)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account no longer exists.");
    }
}

/// <summary>Asks the posts service, which keeps uploads, whether one exists.</summary>
public sealed class UploadedImages(IHttpClientFactory clients)
{
    public const string Client = "profiles-uploads";

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(Client);
        using var answer = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), cancellationToken);
        return answer.IsSuccessStatusCode;
    }
}
