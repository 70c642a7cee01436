using Forum.ServiceDefaults.Security;

namespace Forum.EventSourcing.PersonalData;

public static class ActorPersonalData
{
    /// <summary>The actor's name as their personal data: sealed with their key wherever it is stored.</summary>
    public static PersonalText PersonalName(this Actor actor) => new(actor.Id, actor.Name);
}
