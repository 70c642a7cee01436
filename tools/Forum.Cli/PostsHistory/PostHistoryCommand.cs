using System.ComponentModel;
using Forum.Cli.Connecting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.PostsHistory;

/// <summary>One revision of a post, as <c>GET /api/posts/{id}/revisions</c> lists it.</summary>
public sealed record Revision(long Version, string Title, DateTimeOffset EditedAt, string Editor);

public class PostSettings : GatewaySettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The post's id")]
    public string Id { get; init; } = "";

    public override ValidationResult Validate() =>
        Guid.TryParse(Id, out _) ? ValidationResult.Success() : ValidationResult.Error($"A post id is a GUID, not '{Id}'.");
}

/// <summary><c>posts history ID</c>: a table of the post's revisions, publishing first.</summary>
public sealed class PostHistoryCommand(IAnsiConsole console) : AsyncCommand<PostSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PostSettings settings, CancellationToken cancellationToken)
    {
        using var gateway = await GatewayClient.ConnectAsync(settings, (CliEnvironment)context.Data!, needsToken: false, cancellationToken);
        var revisions = await gateway.GetJsonAsync<List<Revision>>($"/api/posts/{Guid.Parse(settings.Id)}/revisions", $"listing the revisions of post {settings.Id}", cancellationToken);

        var table = new Table().Title($"Post {settings.Id}: {revisions.Count} revisions")
            .AddColumn("Version").AddColumn("Title").AddColumn("Edited at (UTC)").AddColumn("By");
        foreach (var revision in revisions)
        {
            table.AddRow(
                new Text(revision.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(revision.Title),
                new Text(revision.EditedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)),
                new Text(revision.Editor));
        }
        console.Write(table);
        return ExitCodes.Ok;
    }
}
