namespace Forum.Testing;

/// <summary>Images the tests upload.</summary>
public static class SampleImages
{
    /// <summary>A 4 × 3 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAKklEQVQImQXBMQEAAAgCwQ9mCGaTkMSZEAT0DtjB5kpBO7J1VSE7sXNNH+SDDk00TD04AAAAAElFTkSuQmCC");
}
