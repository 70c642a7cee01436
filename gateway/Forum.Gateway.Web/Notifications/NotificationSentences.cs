using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Forum.Gateway.Web.Notifications;

/// <summary>
/// A notification said in words: "minh đã bình luận về bài «…»", "3 người đã thích bài «…»".
/// The sentence comes from the resources; names and titles go into it HTML-encoded, each in a
/// <c>&lt;bdi&gt;</c>, so a title in a right-to-left script or with direction controls cannot
/// turn the rest of the sentence around.
/// </summary>
public static class NotificationSentences
{
    public static LocalizedHtmlString Of(NotificationItem notification, IHtmlLocalizer text)
    {
        var title = Isolated("title", notification.PostTitle);
        return notification.Type switch
        {
            "comment" => text["NotifiedComment", Actors(notification, text), title],
            "reply" => text["NotifiedReply", Actors(notification, text), title],
            "mention" => text["NotifiedMention", Actors(notification, text), title],
            "new-post" => text["NotifiedNewPost", Actors(notification, text), title],
            "new-comment" => text["NotifiedNewComment", Actors(notification, text), title],
            "likes" => Likes(notification, text, title),
            _ => text["NotifiedOther", "", title],
        };
    }

    /// <summary>"minh and 4 others liked…" when the likers are named, "5 people liked…" when they are not (likes from before names were kept).</summary>
    private static LocalizedHtmlString Likes(NotificationItem notification, IHtmlLocalizer text, IHtmlContent title)
    {
        var count = notification.Count.ToString("N0", CultureInfo.CurrentCulture);
        if (notification.Actors.Count == 0)
        {
            return text[notification.Count == 1 ? "NotifiedLikesOne" : "NotifiedLikesMany", count, title];
        }
        var others = notification.Count - notification.Actors.Count;
        return others <= 0
            ? text["NotifiedLikesNamed", Actors(notification, text), title]
            : text["NotifiedLikesNamedAndOthers", Actors(notification, text), title, others.ToString("N0", CultureInfo.CurrentCulture)];
    }

    private static IHtmlContent Actors(NotificationItem notification, IHtmlLocalizer text) =>
        notification.Actors.Count == 0
            ? Isolated("actor", text.GetString("Someone"))
            : Isolated("actor", string.Join(", ", notification.Actors));

    private static IHtmlContent Isolated(string kind, string value) =>
        new HtmlContentBuilder().AppendHtml($"<bdi class=\"{kind}\">").Append(value).AppendHtml("</bdi>");
}
