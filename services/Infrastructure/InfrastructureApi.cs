namespace Platform.Infrastructure;

/// <summary>Names the Infrastructure Sharing service's assembly for hosts (tests, the AppHost).</summary>
public sealed class InfrastructureApi;
