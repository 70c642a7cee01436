using System.Security.Cryptography;
using System.Text;

namespace Forum.Notifications.Notifying;

/// <summary>The id of a notification, made from its kind, what it is about and whom it is for: the same inputs give the same id.</summary>
public static class NotificationIds
{
    public static Guid For(string type, Guid subject, Guid recipient)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}:{subject:N}:{recipient:N}"));
        // Shaped as a version 8 (custom) UUID, RFC 9562.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
