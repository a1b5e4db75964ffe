namespace Platform.Web.Components.Shared;

/// <summary>The codes the APIs accept, as they spell them (the labels are in the resource file).</summary>
public static class Codes
{
    public static readonly string[] Sectors = ["postal", "telecom", "it", "electronics"];
    public static readonly string[] Kinds = ["network-operator", "telecom-service-provider", "postal-operator", "public-internet-agent", "it-electronics-firm"];
    public static readonly string[] EnterpriseStatuses = ["active", "suspended", "ceased"];
    public static readonly string[] RefusalReasons = ["no-capacity", "technical", "safety", "other"];
    public static readonly string[] Templates = ["telecom-monthly", "postal-quarterly"];
    public static readonly string[] LicenceTypes = ["telecom-network", "telecom-services", "postal", "public-internet-agent", "radio-frequency", "other"];
    public static readonly string[] IssuingAuthorities = ["ministry", "department"];
    public static readonly string[] SiteKinds = ["greenfield-tower", "rooftop-tower", "electricity-pole", "duct-route", "aerial-cable-route", "underground-cable-route", "in-building-system"];
    public static readonly string[] PlanZones = ["in-plan", "conditional", "outside-plan"];
    public static readonly string[] WorksKinds = ["trenching", "duct-laying", "road-works", "pole-line", "other"];
}
