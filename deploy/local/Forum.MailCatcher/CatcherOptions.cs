namespace Forum.MailCatcher;

/// <summary><c>MailCatcher__SmtpPort</c> (2525) and <c>MailCatcher__Directory</c>, where each message is kept as an .eml file.</summary>
public sealed class CatcherOptions
{
    public const string Section = "MailCatcher";

    public int SmtpPort { get; set; } = 2525;

    public string Directory { get; set; } = "mail";
}
