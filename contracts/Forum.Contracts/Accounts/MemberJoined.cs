namespace Forum.Contracts.Accounts;

/// <summary>
/// A member registered. Published by the gateway, which keeps the accounts, so that the services
/// members write in know whom an <c>@name</c> names. Delivered at least once (the account and its
/// announcement are saved together and announced until the broker took it).
/// </summary>
/// <param name="AccountId">The member's account id, as in their tokens.</param>
/// <param name="UserName">Their user name as registered (NFC).</param>
/// <param name="JoinedAt">When they registered (UTC).</param>
public sealed record MemberJoined(Guid AccountId, string UserName, DateTimeOffset JoinedAt);
