namespace Platform.Identity;

/// <summary>Names the identity service's assembly for hosts (WebApplicationFactory in tests, the AppHost).</summary>
public sealed class IdentityApi;
