using System.Text.Json;

namespace Forum.Cli;

/// <summary>The gateway's JSON: camelCase, as in its public API.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
