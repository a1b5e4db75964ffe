namespace Platform.Contracts.Registry;

/// <summary>The codes used in the Registry's contracts. They are stable strings, not numbers, so a
/// consumer in any language can read them; new codes may be added, existing ones never change meaning.</summary>
public static class EnterpriseCodes
{
    /// <summary>Sectors: <c>postal</c>, <c>telecom</c>, <c>it</c>, <c>electronics</c>.</summary>
    public static readonly IReadOnlyList<string> Sectors = ["postal", "telecom", "it", "electronics"];

    /// <summary>Kinds: <c>network-operator</c>, <c>telecom-service-provider</c>, <c>postal-operator</c>,
    /// <c>public-internet-agent</c>, <c>it-electronics-firm</c>.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["network-operator", "telecom-service-provider", "postal-operator", "public-internet-agent", "it-electronics-firm"];

    /// <summary>Enterprise status: <c>active</c>, <c>suspended</c>, <c>ceased</c> (final).</summary>
    public static readonly IReadOnlyList<string> Statuses = ["active", "suspended", "ceased"];
}
