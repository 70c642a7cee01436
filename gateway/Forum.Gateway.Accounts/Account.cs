namespace Forum.Gateway.Accounts;

/// <summary>
/// A registered user. <see cref="NormalizedUserName"/> (NFC, lower case) is unique, so "Minh",
/// "minh" and a decomposed "Mính" cannot be told apart by a reader and cannot be registered twice.
/// </summary>
public sealed record Account
{
    public Guid Id { get; init; }
    public string UserName { get; init; } = "";
    public string NormalizedUserName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Marks that the forum has its founding admin. Only one can ever be stored (fixed id), which
/// makes "the first account becomes admin" hold even when two people register at once.
/// </summary>
public sealed record FoundingAdmin(Guid AccountId)
{
    public static readonly Guid TheId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; init; } = TheId;
}
