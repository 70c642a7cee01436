namespace Forum.Gateway.Reading;

/// <summary>
/// <c>Forum:Reading</c>. <see cref="Enabled"/> false keeps no reading positions at all: no unread
/// marks, no "new" filter, nothing written when members read (a community that would rather not
/// know who read what; and the bench's reference for what keeping them costs).
/// </summary>
public sealed class ReadingOptions
{
    public bool Enabled { get; set; } = true;
}
