namespace Forum.ServiceDefaults.Content;

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

/// <summary>The outcome of a decision: the event to append, or why the command was refused.</summary>
public sealed class Decision<TEvent> where TEvent : class
{
    private Decision(TEvent? @event, FieldErrors? errors) => (Event, Errors) = (@event, errors);

    public TEvent? Event { get; }

    public FieldErrors? Errors { get; }

    public bool IsAccepted => Event is not null;

    public static Decision<TEvent> Accepted(TEvent @event) => new(@event, null);

    public static Decision<TEvent> Refused(FieldErrors errors) => new(null, errors);
}
