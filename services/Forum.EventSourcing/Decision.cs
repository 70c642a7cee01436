using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.EventSourcing;

/// <summary>Validation failures, by field name (camelCase, as the client sent it).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>Why a command was refused, in terms a client can act on.</summary>
public enum RefusalKind
{
    /// <summary>The input is wrong (400).</summary>
    Invalid,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,

    /// <summary>There is no such thing, or no longer (404).</summary>
    NotFound,

    /// <summary>The thing's state does not allow it (409).</summary>
    Conflict,
}

/// <summary>A refused command: its kind, a title and detail for people, and field errors when the input was wrong.</summary>
public sealed record Refusal(RefusalKind Kind, string Title, string? Detail = null, FieldErrors? Errors = null)
{
    public static Refusal Invalid(FieldErrors errors, string title) => new(RefusalKind.Invalid, title, Errors: errors);

    public static Refusal Forbidden(string title, string? detail = null) => new(RefusalKind.Forbidden, title, detail);

    public static Refusal NotFound(string title, string? detail = null) => new(RefusalKind.NotFound, title, detail);

    public static Refusal Conflict(string title, string? detail = null) => new(RefusalKind.Conflict, title, detail);

    /// <summary>The problem details answer for this refusal.</summary>
    public IResult ToResult() => Kind switch
    {
        RefusalKind.Invalid => TypedResults.ValidationProblem(Errors?.ToDictionary() ?? new Dictionary<string, string[]>(), Detail, title: Title),
        RefusalKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Title, detail: Detail),
        RefusalKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Title, detail: Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Detail),
    };
}

/// <summary>
/// The outcome of a decision: the event to append, nothing to do (the state already is as
/// asked), or a refusal.
/// </summary>
public sealed class Decision<TEvent> where TEvent : class
{
    private Decision(TEvent? @event, Refusal? refusal) => (Event, Refusal) = (@event, refusal);

    public TEvent? Event { get; }

    public Refusal? Refusal { get; }

    public bool IsAccepted => Refusal is null;

    /// <summary>Field errors when refused for invalid input; convenient in tests.</summary>
    public FieldErrors? Errors => Refusal?.Errors;

    public static Decision<TEvent> Accepted(TEvent @event) => new(@event, null);

    /// <summary>Accepted, but nothing changes: the command is already satisfied (idempotent).</summary>
    public static Decision<TEvent> Unchanged() => new(null, null);

    public static Decision<TEvent> Refused(Refusal refusal) => new(null, refusal);

    public static Decision<TEvent> Refused(FieldErrors errors, string title) => new(null, Refusal.Invalid(errors, title));
}
