using Forum.Gateway.Moderation.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Moderation;

/// <summary>
/// The moderation queue: open reports grouped by the post or comment they report, the most
/// reported first, each with its reasons and the decisions a moderator can take, as plain forms.
/// </summary>
public sealed class QueueModel(Reports reports, ServiceCalls services, IStringLocalizer<SharedResource> text) : ModeratorPage(services)
{
    public IReadOnlyList<ReportedContent> Items { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int TotalPages { get; private set; } = 1;

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Func<int, string> PageUrl => n => n == 1 ? "/moderation" : $"/moderation?page={n}";

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (Request.Query["resolved"] == "1")
        {
            Notice = text["ReportResolved"];
        }
        await LoadAsync(int.TryParse(page, out var n) ? n : 1, cancellationToken);
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid targetId, string? decision, string? note, int? suspendDays, CancellationToken cancellationToken)
    {
        if (!ReportDecisions.All.Contains(decision ?? "") || suspendDays is < 1 or > 36500)
        {
            return BadRequest();
        }
        var (outcome, problem) = await reports.ResolveAsync(targetId, decision!, string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            suspendDays is { } days ? TimeSpan.FromDays(days) : null, Moderator, ModeratorIsAdmin, cancellationToken);
        if (outcome == ReportOutcome.Resolved || outcome == ReportOutcome.NothingOpen)
        {
            return Redirect("/moderation?resolved=1");
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        Error = text["ResolveFailed", problem ?? ""];
        await LoadAsync(1, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(int page, CancellationToken cancellationToken)
    {
        var (items, total) = await reports.OpenAsync(Math.Max(1, page), ReportsApi.QueuePageSize, cancellationToken);
        Items = items;
        PageNumber = Math.Max(1, page);
        TotalPages = Math.Max(1, (total + ReportsApi.QueuePageSize - 1) / ReportsApi.QueuePageSize);
    }
}
