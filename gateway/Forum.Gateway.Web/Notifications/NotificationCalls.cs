using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Forum.Gateway.Web.Notifications;

/// <summary>
/// The pages' calls to the notifications service, as the signed-in member. None of them throws
/// when the service is away: the bell is then left without a count, a watch button shows
/// "Watch", and the page renders anyway.
/// </summary>
public sealed class NotificationCalls(ServiceCalls services, ILogger<NotificationCalls> logger)
{
    /// <summary>
    /// Reads made while rendering a page (the bell is on every one) wait no longer than this: a
    /// slow notifications service must not make every page of the forum slow.
    /// </summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A change the member asked for may take longer before it is given up.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    // Scoped: the count is asked once per request, or not at all when the page already has it.
    private Task<long?>? _unread;

    /// <summary>The member's unread count for the bell; null when it cannot be known.</summary>
    public Task<long?> UnreadAsync(HttpContext context) =>
        _unread ??= ReadUnreadAsync(context);

    /// <summary>The page has the count already (the notifications page does): the bell shows it without asking again.</summary>
    public void Know(long unread) => _unread = Task.FromResult<long?>(unread);

    public Task<(ServiceAnswer Answer, NotificationList? List)> PageAsync(HttpContext context, int page) =>
        CallAsync(context, ReadTimeout, quiet: false,
            (client, cancel) => client.GetAsync($"/api/notifications?page={page}", cancel),
            (content, cancel) => content.ReadFromJsonAsync<NotificationList>(cancel));

    /// <summary>Marks the named notifications as read, or all of them when <paramref name="ids"/> is null.</summary>
    public async Task<ServiceAnswer> MarkReadAsync(HttpContext context, IReadOnlyList<Guid>? ids) =>
        (await CallAsync<object>(context, WriteTimeout, quiet: false,
            (client, cancel) => client.PostAsJsonAsync<object>("/api/notifications/read", ids is null ? new { } : new { ids }, cancel))).Answer;

    /// <summary>Whether the member watches <paramref name="subject"/> (<see cref="WatchSubjects"/>); null when it cannot be known.</summary>
    public async Task<bool?> WatchingAsync(HttpContext context, string subject) =>
        (await CallAsync(context, ReadTimeout, quiet: true,
            (client, cancel) => client.GetAsync($"/api/{subject}/watch", cancel),
            (content, cancel) => content.ReadFromJsonAsync<WatchState>(cancel))).Body?.Watching;

    public async Task<ServiceAnswer> WatchAsync(HttpContext context, string subject, bool watch) =>
        (await CallAsync<object>(context, WriteTimeout, quiet: false,
            (client, cancel) => watch ? client.PutAsync($"/api/{subject}/watch", null, cancel) : client.DeleteAsync($"/api/{subject}/watch", cancel))).Answer;

    private async Task<long?> ReadUnreadAsync(HttpContext context) =>
        (await CallAsync(context, ReadTimeout, quiet: true,
            (client, cancel) => client.GetAsync("/api/notifications/unread-count", cancel),
            (content, cancel) => content.ReadFromJsonAsync<UnreadCount>(cancel))).Body?.Unread;

    /// <param name="quiet">
    /// A read behind a part of a page (the bell, a watch button) that simply shows less when it
    /// fails: logged at Debug, since every page rendered while the service is away would log it.
    /// </param>
    private async Task<(ServiceAnswer Answer, T? Body)> CallAsync<T>(
        HttpContext context, TimeSpan timeout, bool quiet,
        Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> send,
        Func<HttpContent, CancellationToken, Task<T?>>? read = null)
    {
        using var client = await services.AsSessionUserAsync(ServiceCalls.Notifications, context);
        if (client is null)
        {
            return (ServiceAnswer.NoSession, default);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        var level = quiet ? LogLevel.Debug : LogLevel.Warning;
        try
        {
            using var response = await send(client, deadline.Token);
            var answer = new ServiceAnswer((int)response.StatusCode);
            if (!answer.Succeeded)
            {
                logger.Log(level, "The notifications service answered {Status} to {Method} {Path}",
                    answer.Status, response.RequestMessage?.Method, response.RequestMessage?.RequestUri?.AbsolutePath);
                return (answer, default);
            }
            return (answer, read is null ? default : await read(response.Content, deadline.Token));
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or JsonException or NotSupportedException or InvalidOperationException)
        {
            // Refused, timed out (or the reader left), no address known for the service, or an
            // answer that is not the JSON expected.
            logger.Log(level, failure, "The notifications service could not be asked");
            return (ServiceAnswer.Unreachable, default);
        }
    }
}

/// <summary>What a member can watch, as the notifications service's paths name it.</summary>
public static class WatchSubjects
{
    public static string Post(Guid id) => $"posts/{id}";

    public static string Board(string slug) => $"boards/{Uri.EscapeDataString(slug)}";
}
