namespace Forum.Gateway.Web;

/// <summary>
/// A form that changed something sends the writer to a page that shows it; the read model trails
/// the write by milliseconds, so the handler waits (at most two seconds) until it has the change.
/// </summary>
public static class ReadModelWait
{
    public static async Task UntilAsync(Func<Task<bool>> shows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 40 && !await shows(); i++)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
