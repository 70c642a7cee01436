using Forum.Contracts.Accounts;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Accounts;
using Forum.Gateway.Moderation.Log;
using Forum.Gateway.Moderation.Reporting;
using Marten;
using Marten.Patching;

namespace Forum.Gateway.Moderation.Forgetting;

/// <summary>
/// A member who left is named nowhere in moderation's current state: not as the author or a
/// reporter of reported content, nor as the moderator of someone's suspension. (The moderation
/// log reads the gateway's history, whose names are sealed with the member's key and read as a
/// former member once it is deleted.)
/// </summary>
public sealed class ModerationForgetting : IForgetsMembers
{
    public async Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        if (member.UserName is not { } name)
        {
            return;
        }
        const string former = MemberForgotten.FormerMemberName;
        session.Patch<ReportedContent>(content => content.Author == name).Set(content => content.Author, former);
        var reported = await session.Query<ReportedContent>().Where(content => content.Reports.Any(report => report.ReporterId == member.Id)).ToListAsync(cancellationToken);
        // Stored whole, so the author is set here too: this copy was read before the patch above applies.
        foreach (var content in reported)
        {
            session.Store(content with
            {
                Author = content.Author == name ? former : content.Author,
                Reports = [.. content.Reports.Select(report => report.ReporterId == member.Id ? report with { Reporter = former } : report)],
            });
        }
        session.Patch<Account>(account => account.Suspension != null && account.Suspension.Moderator == name).Set(account => account.Suspension!.Moderator, former);
        session.DeleteWhere<DecisionRequest>(request => request.Moderator == name);
    }
}
