using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Forum.ServiceDefaults.Security;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forum.EventSourcing;

/// <summary>One stored event as the feed serves it: where it sits, and its integration shape.</summary>
public sealed record FeedEvent(
    long Sequence, Guid EventId, Guid StreamId, long Version, string Type, DateTimeOffset Time, object Data, IReadOnlyDictionary<string, object>? Metadata);

/// <summary>
/// The service's stored events, in global order, in the shapes its forwarder publishes: the
/// source for rebuilding read models and for analysts. Newline-delimited JSON, streamed page by
/// page from the database, so memory stays flat however long the history.
/// </summary>
public static class EventFeed
{
    public const int MaxLimit = 10_000;

    /// <summary>The highest sequence stored when the page was served.</summary>
    public const string LastSequenceHeader = "Forum-Last-Sequence";
    /// <summary>Events read from the database at once: a 5,000-event page of the feed is three queries.</summary>
    private const int PageSize = 2_000;

    public static IEndpointRouteBuilder MapEventFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/events", ServeAsync).WithName("EventFeed").RequireAuthorization(ForumPolicies.EventHistory);
        return app;
    }

    internal static async Task ServeAsync(
        HttpContext context, IQuerySession session, IIntegrationEventMapper mapper, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        string? after = null, string? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Parse(after, 0, "after", long.MaxValue, errors);
        var count = Parse(limit, 1000, "limit", MaxLimit, errors);
        if (errors.Count > 0)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        // How far the log reaches now, so a reader of many pages can show how far it has come.
        var newest = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(context.RequestAborted);
        context.Response.Headers[LastSequenceHeader] = (newest.Count > 0 ? newest[0].Sequence : 0).ToString(CultureInfo.InvariantCulture);
        var options = json.Value.SerializerOptions;
        // Lines are serialized straight into the response's buffer and flushed once a page; a
        // serialization to the body stream per line cost more than reading the events did.
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = false,
            MaxDepth = options.MaxDepth,
        });
        var sent = 0L;
        var position = from;
        while (sent < count)
        {
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > position)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(context.RequestAborted);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var stored in page)
            {
                position = stored.Sequence;
                if (Describe(stored, mapper) is not { } line)
                {
                    continue;
                }
                JsonSerializer.Serialize(writer, line, options);
                writer.Flush();
                writer.Reset();
                body.Write("\n"u8);
                if (++sent == count)
                {
                    break;
                }
            }
            await body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>The feed line for a stored event, or null if it stays internal to its service.</summary>
    public static FeedEvent? Describe(IEvent stored, IIntegrationEventMapper mapper) =>
        mapper.ToIntegrationEvent(stored) is { } data
            ? new FeedEvent(stored.Sequence, stored.Id, stored.StreamId, stored.Version, data.GetType().Name, stored.Timestamp, data, stored.Headers)
            : null;

    private static long Parse(string? value, long fallback, string name, long max, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max && (name != "limit" || number >= 1))
        {
            return number;
        }
        errors[name] = [$"{name} is a whole number{(name == "limit" ? $" from 1 to {max}" : " from 0")}."];
        return fallback;
    }
}
