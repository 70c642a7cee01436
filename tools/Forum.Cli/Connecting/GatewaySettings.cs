using System.ComponentModel;
using Spectre.Console.Cli;

namespace Forum.Cli.Connecting;

/// <summary>Where the gateway is and who is calling: the options every command shares.</summary>
public class GatewaySettings : CommandSettings
{
    public const string DefaultGateway = "http://127.0.0.1:8080";

    [CommandOption("--gateway <URL>")]
    [Description("The gateway's address. Default: $FORUM_GATEWAY, else " + DefaultGateway)]
    public string? Gateway { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("A bearer token (an admin's for admin commands). Default: $FORUM_TOKEN")]
    public string? Token { get; init; }

    [CommandOption("--user <NAME>")]
    [Description("Sign in as this user to get a token (with --password)")]
    public string? User { get; init; }

    [CommandOption("--password <PASSWORD>")]
    [Description("The password for --user. Default: $FORUM_PASSWORD")]
    public string? Password { get; init; }
}
