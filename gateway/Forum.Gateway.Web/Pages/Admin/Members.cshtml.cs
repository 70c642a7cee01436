using Forum.EventSourcing;
using Forum.Gateway.Accounts;
using Forum.Gateway.Moderation.Suspending;
using Forum.Gateway.Web.Pages.Moderation;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Admin;

/// <summary>
/// Finding members by name, and what admins and moderators do with one: admins grant and revoke
/// the moderator role; moderators suspend and lift suspensions (with the API's rules: nobody
/// suspends an admin or themselves, only admins suspend moderators). Every suspended member is listed.
/// </summary>
public sealed class MembersModel(AccountDirectory accounts, Suspensions suspensions, ServiceCalls services, TimeProvider clock, IStringLocalizer<SharedResource> text)
    : ModeratorPage(services)
{
    /// <summary>The periods a moderator picks from; empty is for good.</summary>
    public static readonly int[] SuspensionDays = [1, 3, 7, 30, 365];

    public string? Query { get; private set; }

    public IReadOnlyList<MemberView> Found { get; private set; } = [];

    public IReadOnlyList<MemberView> Suspended { get; private set; } = [];

    public bool IsAdmin => ModeratorIsAdmin;

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? q, string? done, string? who, CancellationToken cancellationToken)
    {
        if (done is "granted" or "revoked" or "suspended" or "lifted" && !string.IsNullOrEmpty(who))
        {
            Notice = text["MemberChange_" + done, who];
        }
        await LoadAsync(q, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(string? userName, bool grant, string? q, CancellationToken cancellationToken)
    {
        if (!ModeratorIsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (string.IsNullOrEmpty(userName) || !await accounts.SetRoleAsync(userName, ForumClaims.Moderator, grant, Moderator, cancellationToken))
        {
            return await FailAsync(StatusCodes.Status404NotFound, text["NoSuchMember"], q, cancellationToken);
        }
        return Done(grant ? "granted" : "revoked", userName, q);
    }

    public async Task<IActionResult> OnPostSuspendAsync(string? userName, string? reason, int? days, string? q, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (days is { } d && !SuspensionDays.Contains(d))
        {
            errors.Add("days", "");
        }
        var (why, until) = suspensions.Check(reason, days is { } n ? clock.GetUtcNow().AddDays(n) : null, errors);
        if (errors.Any)
        {
            return await FailAsync(StatusCodes.Status400BadRequest, text["SuspendReasonRequired"], q, cancellationToken);
        }
        var (outcome, _) = await suspensions.SuspendAsync(userName ?? "", why, until, Moderator, ModeratorIsAdmin, cancellationToken);
        return outcome switch
        {
            StandingChange.NoSuchAccount => await FailAsync(StatusCodes.Status404NotFound, text["NoSuchMember"], q, cancellationToken),
            StandingChange.NotAllowed => await FailAsync(StatusCodes.Status403Forbidden, text["MayNotSuspend"], q, cancellationToken),
            _ => Done("suspended", userName!, q),
        };
    }

    public async Task<IActionResult> OnPostLiftAsync(string? userName, string? q, CancellationToken cancellationToken)
    {
        var (outcome, _) = await suspensions.ReinstateAsync(userName ?? "", null, Moderator, cancellationToken);
        return outcome == StandingChange.NoSuchAccount
            ? await FailAsync(StatusCodes.Status404NotFound, text["NoSuchMember"], q, cancellationToken)
            : Done("lifted", userName!, q);
    }

    private IActionResult Done(string change, string userName, string? q) =>
        Redirect($"/admin/members?q={Uri.EscapeDataString(q ?? userName)}&done={change}&who={Uri.EscapeDataString(userName)}");

    private async Task<IActionResult> FailAsync(int status, string error, string? q, CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        Error = error;
        await LoadAsync(q, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? q, CancellationToken cancellationToken)
    {
        Query = q?.Trim();
        if (!string.IsNullOrEmpty(Query) && Query.Length <= 4 * AccountRules.MaxUserNameCharacters)
        {
            Found = [.. (await accounts.SearchAsync(Query, AccountsApi.MaxFound, cancellationToken)).Select(a => MemberView.From(a, clock))];
        }
        Suspended = [.. (await suspensions.ListAsync(cancellationToken)).Select(a => MemberView.From(a, clock))];
    }
}
