using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Platform's own ActivitySource and Meter, shared by all services so one
/// OpenTelemetry registration picks up every service's spans and instruments.</summary>
public static class PlatformTelemetry
{
    public const string ActivitySourceName = "Platform";
    public const string MeterName = "Platform";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
