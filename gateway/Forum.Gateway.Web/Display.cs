using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Forum.Gateway.Web;

/// <summary>Small things every page shows the same way: dates, initials avatars, page numbers.</summary>
public static class Display
{
    /// <summary>The community lives in Korea: times show in Korean time, in the reader's culture's format.</summary>
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static string Date(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A day in the reader's culture's short date format, the same format <see cref="Date"/> starts with.</summary>
    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    public static string IsoDate(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Up to two letters from a user name ("nguyễn_văn" → "NV"), as a reader would abbreviate it.</summary>
    public static string Initials(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "?";
        }
        var words = name.Split(['_', '.', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        var letters = words.Take(2).Select(w => StringInfo.GetNextTextElement(w)).ToList();
        return string.Concat(letters).ToUpper(CultureInfo.CurrentCulture);
    }

    /// <summary>
    /// The initials avatar shown beside a name. A method rather than a partial view: a board page
    /// shows twenty, and twenty partial-view renderings were a tenth of the page's time.
    /// </summary>
    /// <param name="picture">The member's picture (an upload path), shown round in place of the initials when there is one.</param>
    public static IHtmlContent Avatar(string? name, string? picture = null) => new HtmlString(picture is null
        ? $"<span class=\"avatar avatar-{AvatarColour(name)}\" aria-hidden=\"true\">{HtmlEncoder.Default.Encode(Initials(name))}</span>"
        : $"<img class=\"avatar\" src=\"{HtmlEncoder.Default.Encode(picture)}\" alt=\"\" width=\"29\" height=\"29\" loading=\"lazy\" />");

    /// <summary>One of eight avatar colours, the same for a name every time.</summary>
    public static int AvatarColour(string? name)
    {
        var hash = 0;
        foreach (var c in name ?? "")
        {
            hash = unchecked(hash * 31 + c);
        }
        return Math.Abs(hash % 8);
    }
}

/// <summary>One entry of a pager: a page number, or a gap.</summary>
public sealed record PageLink(int? Number, bool Current)
{
    public bool IsGap => Number is null;
}

/// <summary>Page numbers in the style « 1 … 59 60 61 62 63 … 120 »: the first, the last, and two either side of the current one.</summary>
public static class Pager
{
    public static IReadOnlyList<PageLink> Links(int current, int total, int around = 2)
    {
        total = Math.Max(1, total);
        current = Math.Clamp(current, 1, total);
        var numbers = new SortedSet<int> { 1, total };
        for (var n = current - around; n <= current + around; n++)
        {
            if (n >= 1 && n <= total)
            {
                numbers.Add(n);
            }
        }
        var links = new List<PageLink>();
        var previous = 0;
        foreach (var n in numbers)
        {
            if (n - previous == 2)
            {
                // A gap of one page is shown as that page.
                links.Add(new PageLink(n - 1, false));
            }
            else if (n - previous > 2)
            {
                links.Add(new PageLink(null, false));
            }
            links.Add(new PageLink(n, n == current));
            previous = n;
        }
        return links;
    }
}
