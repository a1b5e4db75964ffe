namespace Platform.Web.Components.Shared;

/// <summary>The codes the APIs accept, as they spell them (the labels are in the resource file).</summary>
public static class Codes
{
    public static readonly string[] Sectors = ["postal", "telecom", "it", "electronics"];
    public static readonly string[] Kinds = ["network-operator", "telecom-service-provider", "postal-operator", "public-internet-agent", "it-electronics-firm"];
    public static readonly string[] EnterpriseStatuses = ["active", "suspended", "ceased"];
    public static readonly string[] RefusalReasons = ["no-capacity", "technical", "safety", "other"];
    public static readonly string[] Templates = ["telecom-monthly", "postal-quarterly"];
}
