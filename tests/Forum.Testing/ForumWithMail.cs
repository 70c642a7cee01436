namespace Forum.Testing;

/// <summary>A forum whose gateway sends its mail to a real mail server of the fixture's own (<see cref="ForumSystem.Mail"/>).</summary>
public class ForumWithMail : ForumSystem
{
    protected override bool CatchesMail => true;
}
