using Forum.Cli;
using Spectre.Console;

return await ForumCli.RunAsync(args, AnsiConsole.Console, new CliEnvironment());
