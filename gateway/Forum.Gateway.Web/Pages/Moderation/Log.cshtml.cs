using Forum.Gateway.Moderation.Log;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Gateway.Web.Pages.Moderation;

/// <summary>The moderation log, from the gateway's event history: who did what to whom, when and why, newest first.</summary>
public sealed class LogModel(ModerationLogQueries log, ServiceCalls services) : ModeratorPage(services)
{
    public ModerationLogPage Entries { get; private set; } = new(1, ModerationLogQueries.PageSize, 0, 1, []);

    public Func<int, string> PageUrl => n => n == 1 ? "/moderation/log" : $"/moderation/log?page={n}";

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken) =>
        Entries = await log.PageAsync(int.TryParse(page, out var n) ? n : 1, cancellationToken);
}
