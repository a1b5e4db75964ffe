namespace Platform.Web;

/// <summary>Marker for the web console's entry point (tests host it with WebApplicationFactory&lt;WebApp&gt;).</summary>
public sealed class WebApp;
