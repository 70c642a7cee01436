namespace Forum.Content;

/// <summary>How long a post may be: the posts service refuses more, and the gateway's forms say so in the reader's language before and after.</summary>
public static class PostLimits
{
    /// <summary>Characters as readers count them (text elements: a mathematical-bold letter or an emoji is one).</summary>
    public const int MaxTitleCharacters = 200;

    /// <summary>The Markdown's UTF-8 bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A comment's Markdown, in UTF-8 bytes: the comments service refuses more, and a comment's draft is held to it too.</summary>
    public const int MaxCommentBytes = 16 * 1024;
}
