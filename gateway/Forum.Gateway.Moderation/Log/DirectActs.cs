using Forum.Contracts.Comments;
using Forum.Contracts.Posts;
using Forum.Content;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Telemetry;
using JasperFx.Events;
using Marten;
using MassTransit;

namespace Forum.Gateway.Moderation.Log;

/// <summary>
/// Stored in the gateway's history: a moderator locked, unlocked, pinned, unpinned, hid, showed or
/// deleted a post or comment straight through the API or the post page's buttons. Decisions taken
/// in the queues are recorded as they are taken (<c>ReportsResolved</c>, <c>ContentReviewed</c>).
/// </summary>
public sealed record ModeratorActed(Guid TargetId, string Kind, Guid PostId, PersonalText Author, string Action, PersonalText Moderator, DateTimeOffset At);

/// <summary>
/// A request that a queue decision makes of a content service, noted before it is sent, so that
/// the act it causes is logged once, as the decision, and not a second time as a direct act.
/// </summary>
public sealed record DecisionRequest(string Id, string Moderator, DateTimeOffset At)
{
    /// <summary>Long enough for the service's event to come back; an older note no longer claims anything.</summary>
    public static readonly TimeSpan Claims = TimeSpan.FromMinutes(10);

    /// <summary>What identifies a request to a content service: its method and path, without the query.</summary>
    public static string KeyOf(HttpMethod method, string path) => $"{method.Method} {path.Split('?')[0]}";
}

/// <summary>
/// Records a moderator's direct acts from the services' own events, which say who acted: the
/// services, not the gateway, are where every path to these acts ends. An author deleting their
/// own post or comment is not moderation and is not recorded; nor is hiding on members' reports
/// (the gateway did it, and <c>ContentHiddenOnReports</c> says so). Each event is recorded once
/// however often it is delivered: the entry's stream is the message's id.
/// </summary>
public sealed class DirectActRecorder(IDocumentSession session, AccountDirectory accounts, TimeProvider clock) :
    IConsumer<PostLockChanged>, IConsumer<PostPinChanged>, IConsumer<PostDeleted>, IConsumer<PostVisibilityChanged>,
    IConsumer<CommentDeleted>, IConsumer<CommentVisibilityChanged>
{
    public Task Consume(ConsumeContext<PostLockChanged> context) => context.Message.Locked
        ? RecordPostActAsync(context, context.Message.PostId, "lock", context.Message.By, context.Message.At, HttpMethod.Post, "/lock")
        : RecordPostActAsync(context, context.Message.PostId, "unlock", context.Message.By, context.Message.At, HttpMethod.Post, "/unlock");

    public Task Consume(ConsumeContext<PostPinChanged> context) => context.Message.Pinned
        ? RecordPostActAsync(context, context.Message.PostId, "pin", context.Message.By, context.Message.At, HttpMethod.Post, "/pin")
        : RecordPostActAsync(context, context.Message.PostId, "unpin", context.Message.By, context.Message.At, HttpMethod.Post, "/unpin");

    public Task Consume(ConsumeContext<PostVisibilityChanged> context) => context.Message switch
    {
        { Hidden: true, Reason: HidingReasons.Moderator } => RecordPostActAsync(context, context.Message.PostId, "hide", context.Message.By, context.Message.At, HttpMethod.Post, "/hide"),
        { Hidden: false } => RecordPostActAsync(context, context.Message.PostId, "show", context.Message.By, context.Message.At, HttpMethod.Post, "/unhide"),
        // Hidden on members' reports or held for approval: nobody acted.
        _ => Task.CompletedTask,
    };

    public Task Consume(ConsumeContext<PostDeleted> context) =>
        RecordPostActAsync(context, context.Message.PostId, "delete", context.Message.DeletedBy, context.Message.DeletedAt, HttpMethod.Delete, "");

    public Task Consume(ConsumeContext<CommentDeleted> context) =>
        RecordCommentActAsync(context, context.Message.CommentId, context.Message.PostId, "delete", context.Message.DeletedBy, context.Message.DeletedAt, HttpMethod.Delete, "");

    public Task Consume(ConsumeContext<CommentVisibilityChanged> context) => context.Message switch
    {
        { Hidden: true, Reason: HidingReasons.Moderator } => RecordCommentActAsync(
            context, context.Message.CommentId, context.Message.PostId, "hide", context.Message.By, context.Message.At, HttpMethod.Post, "/hide"),
        { Hidden: false } => RecordCommentActAsync(
            context, context.Message.CommentId, context.Message.PostId, "show", context.Message.By, context.Message.At, HttpMethod.Post, "/unhide"),
        _ => Task.CompletedTask,
    };

    private async Task RecordPostActAsync(ConsumeContext context, Guid postId, string action, string? moderator, DateTimeOffset at, HttpMethod method, string pathEnd)
    {
        var post = await session.LoadAsync<PostSummary>(postId, context.CancellationToken);
        await RecordAsync(context, new ModeratorActed(postId, "post", postId, new PersonalText(post?.AuthorId ?? Guid.Empty, post?.Author ?? ""), action, await NamedAsync(moderator, context), at),
            DecisionRequest.KeyOf(method, $"/api/posts/{postId}{pathEnd}"));
    }

    private async Task RecordCommentActAsync(
        ConsumeContext context, Guid commentId, Guid postId, string action, string? moderator, DateTimeOffset at, HttpMethod method, string pathEnd)
    {
        var comment = await session.LoadAsync<CommentView>(commentId, context.CancellationToken);
        await RecordAsync(context, new ModeratorActed(
                commentId, "comment", postId, new PersonalText(comment?.AuthorId ?? Guid.Empty, comment?.Author ?? ""), action, await NamedAsync(moderator, context), at),
            DecisionRequest.KeyOf(method, $"/api/comments/{commentId}{pathEnd}"));
    }

    /// <summary>The moderator's name as their personal data: the services' events name who acted, the gateway's accounts know whose name it is.</summary>
    private async Task<PersonalText> NamedAsync(string? moderator, ConsumeContext context) =>
        string.IsNullOrEmpty(moderator) ? new PersonalText(Guid.Empty, "")
        : new PersonalText((await accounts.FindAsync(moderator, context.CancellationToken))?.Id ?? Guid.Empty, moderator);

    private async Task RecordAsync(ConsumeContext context, ModeratorActed act, string requestKey)
    {
        // Events published before they carried who acted cannot be told apart; the author's own delete is not moderation.
        var moderator = act.Moderator.Text ?? "";
        if (moderator.Length == 0 || (act.Action == "delete" && moderator == act.Author.Text) || context.MessageId is not { } messageId)
        {
            return;
        }
        if (await session.LoadAsync<DecisionRequest>(requestKey, context.CancellationToken) is { } request
            && request.Moderator == moderator && clock.GetUtcNow() - request.At < DecisionRequest.Claims)
        {
            // The queue's decision is in the log already; this is the act it asked for.
            session.Delete(request);
            await session.SaveChangesAsync(context.CancellationToken);
            return;
        }
        using var activity = ForumTelemetry.Source.StartActivity("record moderator's act");
        activity?.SetTag("forum.moderation.action", act.Action);
        await using var own = session.DocumentStore.LightweightSession();
        own.Events.StartStream(messageId, act);
        try
        {
            await own.SaveChangesAsync(context.CancellationToken);
            ModerationMetrics.DirectActs.Add(1, new KeyValuePair<string, object?>("action", act.Action), new KeyValuePair<string, object?>("kind", act.Kind));
        }
        catch (ExistingStreamIdCollisionException)
        {
            // Delivered again: recorded the first time.
        }
    }
}
