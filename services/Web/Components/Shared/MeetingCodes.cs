using Platform.Contracts;
using Platform.Contracts.Meetings;

namespace Platform.Web.Components.Shared;

/// <summary>The Meetings API's codes the console offers in its forms, read from the code lists the service parses with
/// (labels: "code.&lt;code&gt;").</summary>
public static class MeetingCodes
{
    public static readonly IReadOnlyList<string> MeetingKinds = CodeList.All<MeetingKind>();
    public static readonly IReadOnlyList<string> Presences = CodeList.All<Presence>();
    public static readonly IReadOnlyList<string> DifficultyTopics = CodeList.All<DifficultyTopic>();
    public static readonly IReadOnlyList<string> EscalationBodies = CodeList.All<EscalationBody>();
    public static readonly IReadOnlyList<string> CommitmentCategories = CodeList.All<CommitmentCategory>();
    public static readonly IReadOnlyList<string> CommitmentParties = CodeList.All<CommitmentParty>();
    public static readonly IReadOnlyList<string> Cadences = CodeList.All<Cadence>();
    public static readonly IReadOnlyList<string> ActionStatuses = CodeList.All<TrackedStatus>();
}
