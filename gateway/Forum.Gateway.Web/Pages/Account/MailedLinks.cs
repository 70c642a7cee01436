using Forum.Gateway.Accounts.Recovery;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Account;

/// <summary>How the pages that mailed links open answer a link that cannot be used: 400 for one that never was, 410 for one used or expired.</summary>
internal static class MailedLinks
{
    /// <summary>Opening the page: null when the token has the shape of one, else the words to show (and 400 set).</summary>
    public static string? Opened(string? token, HttpResponse response, IStringLocalizer text)
    {
        if (AccountLink.LooksLikeToken(token))
        {
            return null;
        }
        response.StatusCode = StatusCodes.Status400BadRequest;
        return text["LinkUnknown"];
    }

    /// <summary>Using the link: null when it did what it is for, else the words to show (and the status set).</summary>
    public static string? Used(LinkUse use, HttpResponse response, IStringLocalizer text)
    {
        switch (use)
        {
            case LinkUse.Done:
                return null;
            case LinkUse.Unknown:
                response.StatusCode = StatusCodes.Status400BadRequest;
                return text["LinkUnknown"];
            default:
                response.StatusCode = StatusCodes.Status410Gone;
                return text["LinkGone"];
        }
    }
}
