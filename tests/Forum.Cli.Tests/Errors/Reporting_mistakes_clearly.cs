namespace Forum.Cli.Tests.Errors;

/// <summary>A user's mistake gets one clear line and a non-zero exit code, never a stack trace.</summary>
[Collection(ForumCollection.Name)]
public sealed class Reporting_mistakes_clearly(ForumUnderTest forum)
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"forumctl-{Guid.NewGuid():N}.out");

    [Theory]
    [InlineData("--format xml", "Unknown format 'xml'")]
    [InlineData("--service likes", "Unknown service 'likes'")]
    [InlineData("--service all --after 5", "--after is a sequence number of one service")]
    [InlineData("--from yesterday", "--from must be an ISO 8601 time")]
    [InlineData("--from 2026-01-02 --to 2026-01-01", "--from must be before --to")]
    [InlineData("--colour red", "Unknown option 'colour'")]
    public async Task A_bad_export_option_is_named_with_exit_code_2(string options, string message)
    {
        var run = await forum.ForumctlAsync(["events", "export", "--out", _out, .. options.Split(' '), .. forum.AsAdmin]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.False(run.ShowsStackTrace, run.Output);
        Assert.False(File.Exists(_out));
    }

    [Fact]
    public async Task An_export_without_a_token_or_with_a_members_token_says_what_is_missing()
    {
        using var member = await forum.SignUpAsync("thành_viên_tò_mò");
        var gateway = forum.Gateway.BaseAddress.ToString();

        var anonymous = await forum.ForumctlAsync("events", "export", "--service", "posts", "--out", _out, "--gateway", gateway);
        var asMember = await forum.ForumctlAsync("events", "export", "--service", "posts", "--out", _out, "--gateway", gateway,
            "--token", member.DefaultRequestHeaders.Authorization!.Parameter!);
        var wrongPassword = await forum.ForumctlAsync("events", "export", "--service", "posts", "--out", _out, "--gateway", gateway,
            "--user", ForumUnderTest.AdminName, "--password", "sai-mật-khẩu-rồi");

        Assert.Equal(ExitCodes.Usage, anonymous.ExitCode);
        Assert.Contains("needs an admin's token", anonymous.Output);
        Assert.Equal(ExitCodes.Failed, asMember.ExitCode);
        Assert.Contains("403", asMember.Output);
        Assert.Contains("not an admin's", asMember.Output);
        Assert.NotEqual(ExitCodes.Ok, wrongPassword.ExitCode);
        Assert.Contains("signing in as", wrongPassword.Output);
        Assert.All(new[] { anonymous, asMember, wrongPassword }, run => Assert.False(run.ShowsStackTrace, run.Output));
        Assert.False(File.Exists(_out));
    }

    [Fact]
    public async Task Signing_in_with_user_and_password_gets_the_admin_a_token()
    {
        var run = await forum.ForumctlAsync("events", "export", "--service", "posts", "--type", "BoardCreated", "--out", _out,
            "--gateway", forum.Gateway.BaseAddress.ToString(), "--user", ForumUnderTest.AdminName, "--password", "mật-khẩu-đủ-dài");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("\"slug\":\"tin-tuc\"", File.ReadAllText(_out));
        File.Delete(_out);
    }

    [Fact]
    public async Task A_gateway_that_is_not_there_and_a_post_that_is_not_there_are_reported_plainly()
    {
        var away = await forum.ForumctlAsync("posts", "history", Guid.NewGuid().ToString(), "--gateway", "http://127.0.0.1:9");
        var missing = await forum.ForumctlAsync("posts", "history", Guid.NewGuid().ToString(), "--gateway", forum.Gateway.BaseAddress.ToString());
        var notAnId = await forum.ForumctlAsync("posts", "show", "bài-số-1", "--version", "1", "--gateway", forum.Gateway.BaseAddress.ToString());

        Assert.Equal(ExitCodes.Unavailable, away.ExitCode);
        Assert.Contains("could not be reached", away.Output);
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("404", missing.Output);
        Assert.Equal(ExitCodes.Usage, notAnId.ExitCode);
        Assert.Contains("A post id is a GUID", notAnId.Output);
        Assert.All(new[] { away, missing, notAnId }, run => Assert.False(run.ShowsStackTrace, run.Output));
    }
}
