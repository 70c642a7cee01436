using Microsoft.Net.Http.Headers;

namespace Forum.EventSourcing;

/// <summary>An entity's ETag is its stream version, so <c>If-Match</c> maps to Marten's expected version.</summary>
public static class EntityTags
{
    public static string ForVersion(long version) => $"\"{version}\"";

    /// <summary>Reads the version from an <c>If-Match</c> value such as <c>"3"</c>; null if absent or not a version.</summary>
    public static long? ParseVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || !EntityTagHeaderValue.TryParse(ifMatch, out var tag) || tag.IsWeak)
        {
            return null;
        }
        return long.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }
}
