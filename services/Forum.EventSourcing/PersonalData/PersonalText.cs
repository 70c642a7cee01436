namespace Forum.EventSourcing.PersonalData;

/// <summary>
/// A piece of a member's personal data (their name as author, editor or moderator) held in an
/// event: stored sealed with that member's own key (<see cref="MemberKeyRing"/>), read back open
/// while the key exists and as <see cref="Forgotten"/> once the member has left and the key is gone.
/// The event history is never rewritten; forgetting a member is deleting one key.
/// </summary>
/// <param name="Member">Whose data it is; <see cref="Guid.Empty"/> for text that is nobody's (the gateway acting), stored as it is.</param>
/// <param name="Text">The text, or null when its member has been forgotten.</param>
public readonly record struct PersonalText(Guid Member, string? Text)
{
    /// <summary>Whether the member left and the text can no longer be read.</summary>
    public bool Forgotten => Member != Guid.Empty && Text is null;

    /// <summary>The text, or <paramref name="whenForgotten"/> once its member has left; empty when there never was any (an event older than the property).</summary>
    public string Or(string whenForgotten) => Forgotten ? whenForgotten : Text ?? "";

    public override string ToString() => Text ?? "";
}
