using System.ComponentModel;
using System.Globalization;
using Forum.Cli.Connecting;
using Forum.Cli.Exporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Forum.Cli.PostsHistory;

/// <summary>A post as it was, as <c>GET /api/posts/{id}?version=|at=</c> answers.</summary>
public sealed record PostAsItWas(
    Guid Id, string Board, string Title, string BodyHtml, string Author, DateTimeOffset PublishedAt, DateTimeOffset? EditedAt,
    bool Locked, bool Pinned, long Version);

/// <summary><c>posts show ID --version N | --at TIME</c>: the post as it was then, from its event stream.</summary>
public sealed class PostShowCommand(IAnsiConsole console) : AsyncCommand<PostShowCommand.Settings>
{
    public sealed class Settings : PostSettings
    {
        [CommandOption("--version <N>")]
        [Description("The post at this version of its stream (1 is as published)")]
        public long? Version { get; init; }

        [CommandOption("--at <TIME>")]
        [Description("The post as it was at this time (ISO 8601)")]
        public string? At { get; init; }

        public override ValidationResult Validate()
        {
            if (Version is not null && At is not null)
            {
                return ValidationResult.Error("Ask for --version or --at, not both.");
            }
            if (Version is null && At is null)
            {
                return ValidationResult.Error("Ask for the post at a --version or --at a time (posts history ID lists its versions).");
            }
            if (Version < 1)
            {
                return ValidationResult.Error("--version is a whole number from 1.");
            }
            try
            {
                HistorySettings.ParseTime(At, "--at");
            }
            catch (CliException exception)
            {
                return ValidationResult.Error(exception.Message);
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var gateway = await GatewayClient.ConnectAsync(settings, (CliEnvironment)context.Data!, needsToken: false, cancellationToken);
        var query = settings.Version is { } version
            ? string.Create(CultureInfo.InvariantCulture, $"version={version}")
            : "at=" + Uri.EscapeDataString(HistorySettings.ParseTime(settings.At, "--at")!.Value.ToString("O", CultureInfo.InvariantCulture));
        var post = await gateway.GetJsonAsync<PostAsItWas>($"/api/posts/{Guid.Parse(settings.Id)}?{query}", $"showing post {settings.Id}", cancellationToken);

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value));
        Row("Post", post.Id.ToString());
        Row("Version", post.Version.ToString(CultureInfo.InvariantCulture));
        Row("Title", post.Title);
        Row("Board", post.Board);
        Row("Author", post.Author);
        Row("Published", post.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture));
        Row("Edited", post.EditedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) ?? "never");
        Row("Locked", post.Locked ? "yes" : "no");
        Row("Pinned", post.Pinned ? "yes" : "no");
        console.Write(grid);
        console.Write(new Panel(new Text(post.BodyHtml)).Header("Body (HTML)"));
        return ExitCodes.Ok;
    }
}
