namespace Platform.Reporting;

/// <summary>Names the Reporting service's assembly for hosts (tests, the AppHost).</summary>
public sealed class ReportingApi;
