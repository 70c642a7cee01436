using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Accounts;

/// <summary>Stored in the gateway's event history when an admin grants or revokes a role: who, whom, which role, when.</summary>
public sealed record MemberRoleChanged(Guid AccountId, PersonalText UserName, string Role, bool Granted, Guid AdminId, PersonalText Admin, DateTimeOffset At);
