namespace Platform.Web.Components.Shared;

/// <summary>The Meetings API's codes the console offers in its forms, as the API spells them (labels: "code.&lt;code&gt;").</summary>
public static class MeetingCodes
{
    public static readonly string[] Presences = ["present", "delegate", "absent"];
    public static readonly string[] DifficultyTopics = ["infrastructure-sharing", "licensing", "land-and-permits", "reporting", "frequencies", "competition", "other"];
    public static readonly string[] EscalationBodies = ["peoples-committee", "ministry"];
    public static readonly string[] CommitmentCategories = ["briefing", "service-quality", "reporting", "infrastructure-sharing", "other"];
    public static readonly string[] CommitmentParties = ["department", "enterprises", "both"];
    public static readonly string[] Cadences = ["none", "monthly", "quarterly", "six-monthly", "yearly"];
    public static readonly string[] ActionStatuses = ["open", "overdue", "done", "cancelled"];
}
