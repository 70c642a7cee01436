namespace Forum.Architecture.Tests;

/// <summary>
/// The architecture, held by the build: each project may reference only the projects listed for
/// it here, so references point one way (services never reach each other or the gateway; the
/// gateway's parts never reach the host; read models know nothing of the API, pages or view
/// counting), and the README's layout names every project.
/// </summary>
public sealed class The_project_graph
{
    /// <summary>What each production project may reference. A new project or a new reference is a decision: add it here.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Forum.Contracts"] = [],
        ["Forum.ServiceDefaults"] = [],
        ["Forum.Content"] = [],
        ["Forum.Messaging"] = ["Forum.ServiceDefaults"],
        ["Forum.EventSourcing"] = ["Forum.ServiceDefaults", "Forum.Content", "Forum.Contracts"],
        ["Forum.Posts"] = ["Forum.ServiceDefaults", "Forum.EventSourcing", "Forum.Messaging", "Forum.Content", "Forum.Contracts"],
        ["Forum.Comments"] = ["Forum.ServiceDefaults", "Forum.EventSourcing", "Forum.Messaging", "Forum.Content", "Forum.Contracts"],
        ["Forum.Engagement"] = ["Forum.ServiceDefaults", "Forum.EventSourcing", "Forum.Messaging", "Forum.Contracts"],
        ["Forum.Notifications"] = ["Forum.ServiceDefaults", "Forum.EventSourcing", "Forum.Messaging", "Forum.Contracts"],
        ["Forum.Gateway.Edge"] = ["Forum.ServiceDefaults"],
        ["Forum.Gateway.Accounts"] = ["Forum.Gateway.Edge", "Forum.EventSourcing", "Forum.Content", "Forum.Contracts"],
        ["Forum.Gateway.ReadModels"] = ["Forum.Contracts", "Forum.EventSourcing"],
        ["Forum.Gateway.Moderation"] = ["Forum.Gateway.Accounts", "Forum.Gateway.ReadModels", "Forum.EventSourcing"],
        ["Forum.Gateway.Bookmarks"] = ["Forum.Gateway.ReadModels", "Forum.EventSourcing", "Forum.Content"],
        ["Forum.Gateway.Reading"] = ["Forum.Gateway.ReadModels", "Forum.Gateway.Accounts", "Forum.EventSourcing"],
        ["Forum.Gateway.Drafts"] = ["Forum.Gateway.ReadModels", "Forum.EventSourcing", "Forum.Content"],
        ["Forum.Gateway.PageViews"] = ["Forum.ServiceDefaults"],
        ["Forum.Gateway.LivePages"] = ["Forum.Gateway.ReadModels"],
        ["Forum.Gateway.QueryApi"] = ["Forum.Gateway.ReadModels", "Forum.Gateway.PageViews", "Forum.Gateway.Edge", "Forum.Gateway.Accounts", "Forum.Gateway.Reading", "Forum.Gateway.Drafts"],
        ["Forum.Gateway.Web"] = ["Forum.Gateway.ReadModels", "Forum.Gateway.QueryApi", "Forum.Gateway.Accounts", "Forum.Gateway.Bookmarks", "Forum.Gateway.Reading", "Forum.Gateway.Drafts", "Forum.Gateway.Moderation", "Forum.Gateway.PageViews", "Forum.Gateway.Edge", "Forum.Content"],
        ["Forum.Gateway"] =
        [
            "Forum.Gateway.Accounts", "Forum.Gateway.Bookmarks", "Forum.Gateway.Drafts", "Forum.Gateway.Edge", "Forum.Gateway.LivePages", "Forum.Gateway.Moderation", "Forum.Gateway.PageViews", "Forum.Gateway.QueryApi", "Forum.Gateway.Reading", "Forum.Gateway.ReadModels",
            "Forum.Gateway.Web", "Forum.ServiceDefaults", "Forum.EventSourcing", "Forum.Messaging", "Forum.Content", "Forum.Contracts",
        ],
        ["Forum.Cli"] = ["Forum.Contracts"],
        ["Forum.Bench"] = [],
        ["Forum.HealthProbe"] = [],
        // The local mail server knows nothing of the forum: it only catches what is sent to it.
        ["Forum.MailCatcher"] = [],
        ["Forum.AppHost"] = ["Forum.Posts", "Forum.Comments", "Forum.Engagement", "Forum.Notifications", "Forum.Gateway", "Forum.MailCatcher"],
    };

    [Fact]
    public void Every_project_has_its_place_in_the_graph()
    {
        var unplaced = ProjectGraph.Projects.Keys.Except(Allowed.Keys).ToList();
        Assert.True(unplaced.Count == 0, $"Projects with no entry in {nameof(Allowed)}: {string.Join(", ", unplaced)}. Say what each may reference.");
        var gone = Allowed.Keys.Except(ProjectGraph.Projects.Keys).ToList();
        Assert.True(gone.Count == 0, $"{nameof(Allowed)} names projects that do not exist: {string.Join(", ", gone)}");
    }

    [Fact]
    public void No_project_references_what_its_place_does_not_allow()
    {
        var forbidden = ProjectGraph.Projects.Keys
            .SelectMany(project => ProjectGraph.ReferencesOf(project)
                .Where(reference => !Allowed.GetValueOrDefault(project, []).Contains(reference))
                .Select(reference => $"{project} → {reference}"))
            .ToList();
        Assert.True(forbidden.Count == 0, $"Forbidden project references:\n{string.Join("\n", forbidden)}");
    }

    [Fact]
    public void The_graph_lists_no_reference_that_is_not_made()
    {
        var stale = Allowed
            .SelectMany(entry => entry.Value.Except(ProjectGraph.ReferencesOf(entry.Key)).Select(reference => $"{entry.Key} → {reference}"))
            .ToList();
        Assert.True(stale.Count == 0, $"Listed as allowed but not referenced (take them out, so the graph shows what is):\n{string.Join("\n", stale)}");
    }

    [Fact]
    public void References_point_one_way()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        foreach (var project in Allowed.Keys)
        {
            Visit(project, []);
        }

        void Visit(string project, List<string> path)
        {
            Assert.False(visiting.Contains(project), $"A cycle: {string.Join(" → ", path.Append(project))}");
            if (!done.Add(project))
            {
                return;
            }
            visiting.Add(project);
            foreach (var next in Allowed[project])
            {
                Visit(next, [.. path, project]);
            }
            visiting.Remove(project);
        }
    }

    [Theory]
    [InlineData("Forum.Gateway.ReadModels", "Microsoft.AspNetCore.", "the read models know nothing of HTTP serving, pages or view counting")]
    [InlineData("Forum.Gateway.ReadModels", "Forum.Gateway.", "the read models know no other part of the gateway")]
    [InlineData("Forum.Gateway.Web", "Marten", "pages reach the read models only through their queries")]
    [InlineData("Forum.Gateway.Web", "Npgsql", "pages reach the read models only through their queries")]
    [InlineData("Forum.Gateway.PageViews", "Marten", "counting views stores nothing itself; the engagement service does")]
    [InlineData("Forum.ServiceDefaults", "Marten", "the defaults are hosting only")]
    [InlineData("Forum.ServiceDefaults", "MassTransit", "the defaults are hosting only")]
    [InlineData("Forum.ServiceDefaults", "Markdig", "the defaults are hosting only")]
    [InlineData("Forum.Content", "Microsoft.AspNetCore.", "text rules are pure")]
    [InlineData("Forum.Content", "Marten", "text rules are pure")]
    public void A_compiled_part_uses_nothing_it_must_not_know(string project, string forbiddenPrefix, string why)
    {
        var used = ProjectGraph.AssemblyReferencesOf(project).Where(name => name.StartsWith(forbiddenPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(used.Count == 0, $"{project} uses {string.Join(", ", used)}, but {why}.");
    }

    [Fact]
    public void The_README_layout_names_every_project()
    {
        var readme = File.ReadAllText(Forum.Testing.RepositoryPaths.InRepository("README.md"));
        var missing = ProjectGraph.Projects.Keys.Where(project => !readme.Contains($"/{project}` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"The README's layout table has no row for {string.Join(", ", missing)}.");
    }

    [Fact]
    public void The_README_shows_this_graph()
    {
        var readme = File.ReadAllText(Forum.Testing.RepositoryPaths.InRepository("README.md")).ReplaceLineEndings("\n");
        var expected = $"{GraphMarker}\n```text\n{GraphText()}```\n";
        Assert.True(readme.Contains(expected, StringComparison.Ordinal), $"The README's project graph is not the one held here; put this in it:\n{expected}");
    }

    private const string GraphMarker = "<!-- The project graph, as tests/Forum.Architecture.Tests holds it: each project → what it references. -->";

    /// <summary>The graph as text, the composing projects first: each project and what it references.</summary>
    public static string GraphText()
    {
        var width = Allowed.Keys.Max(name => name.Length);
        return string.Concat(Allowed.Reverse().Select(entry =>
            $"{entry.Key.PadRight(width)} → {(entry.Value.Length == 0 ? "(nothing of ours)" : string.Join(", ", entry.Value))}\n"));
    }
}
