namespace Platform.Meetings;

/// <summary>Names the Meetings service's assembly for hosts (WebApplicationFactory in tests, the AppHost):
/// every service's top-level Program is called Program, so a marker per service tells them apart.</summary>
public sealed class MeetingsApi;
