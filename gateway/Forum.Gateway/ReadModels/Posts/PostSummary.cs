namespace Forum.Gateway.ReadModels.Posts;

/// <summary>
/// One post as readers see it, projected from the services' events. <see cref="Version"/> is the
/// post stream's version last applied: an event at or below it has been seen and changes nothing.
/// </summary>
public sealed record PostSummary
{
    public Guid Id { get; init; }
    public string Board { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string Author { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool HasImage { get; init; }
    public bool Locked { get; init; }
    public bool Pinned { get; init; }
    public bool Deleted { get; init; }
    public long Views { get; init; }
    public long Likes { get; init; }
    public long Comments { get; init; }
    public long Version { get; init; }
}
