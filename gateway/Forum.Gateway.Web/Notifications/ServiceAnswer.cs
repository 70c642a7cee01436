namespace Forum.Gateway.Web.Notifications;

/// <summary>How a call to the notifications service ended, as a page needs to know it.</summary>
public sealed record ServiceAnswer(int Status)
{
    /// <summary>The session names no account any more: the member has to sign in again.</summary>
    public static readonly ServiceAnswer NoSession = new(StatusCodes.Status401Unauthorized);

    /// <summary>No answer at all: refused, timed out, or not understood.</summary>
    public static readonly ServiceAnswer Unreachable = new(0);

    public bool Succeeded => Status is >= 200 and < 300;

    public bool SignInNeeded => Status == StatusCodes.Status401Unauthorized;

    /// <summary>The status of a page that could not do it: the service's refusal, or 503 when the service itself failed.</summary>
    public int PageStatus => Status is 0 or >= 500 ? StatusCodes.Status503ServiceUnavailable : Status;
}
