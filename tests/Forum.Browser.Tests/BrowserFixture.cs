using Forum.Testing;
using Microsoft.Playwright;

namespace Forum.Browser.Tests;

/// <summary>
/// The whole forum, and Debian's Chromium driven headless by Playwright (no browser download):
/// the browser may reach nothing but this machine.
/// </summary>
public sealed class BrowserFixture : ForumSystem
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The forum's name as its operators set it; the pages and feeds show it.</summary>
    public const string SiteName = "Kim chi nhà 김치";

    protected override IReadOnlyDictionary<string, string> GatewaySettings =>
        new Dictionary<string, string>(base.GatewaySettings) { ["Forum__SiteName"] = SiteName };

    /// <summary>The reset flow reads its mail from a real mail server.</summary>
    protected override bool CatchesMail => true;

    /// <summary>Where screenshots go, for a person to look at after the run.</summary>
    public static string Artifacts { get; } = RepositoryPaths.InRepository("TestResults", "screenshots");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run deploy/local/install.sh --browser (./test.sh does).");
        }
        var profile = Directory.CreateTempSubdirectory("forum-browser");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", profile.FullName);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", profile.FullName);
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh browser window with its own cookies, in Vietnamese unless asked otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "vi-VN", int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
