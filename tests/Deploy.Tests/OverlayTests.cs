using System.Text.RegularExpressions;
using Xunit;

namespace Deploy.Tests;

/// <summary>Whole-overlay invariants: every service and the console present, one namespace, no secret material.</summary>
public sealed class OverlayTests
{
    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void The_overlay_deploys_exactly_the_four_services_and_the_web_console(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        foreach (var kind in new[] { "Deployment", "Service" })
            Assert.Equal(Platform.Workloads.Order(), overlay.OfKind(kind).Select(o => o.Name).Order());
        // The console runs one replica (its sign-in cookies' keys live in the pod): no autoscaler, and no
        // budget that would block a node drain.
        foreach (var kind in new[] { "PodDisruptionBudget", "HorizontalPodAutoscaler" })
            Assert.Equal(Platform.Services.Order(), overlay.OfKind(kind).Select(o => o.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void Every_object_lives_in_the_overlays_namespace(string overlayName)
    {
        // The topology operator only reconciles objects in the RabbitmqCluster's namespace, and the
        // services find each other by short Service names: everything shares one namespace.
        var overlay = Kustomize.Render(overlayName);
        var ns = Assert.Single(overlay.OfKind("Namespace"));
        foreach (var o in overlay.Objects.Where(o => o.Kind != "Namespace"))
            Assert.True(o.Namespace == ns.Name, $"{overlay} {o}: namespace {o.Namespace ?? "unset"}, expected {ns.Name}");
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void No_secret_is_inlined(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        foreach (var secret in overlay.OfKind("Secret"))
        {
            Assert.False(secret["data"].Entries.Count > 0, $"{overlay} {secret}: carries data");
            Assert.False(secret["stringData"].Entries.Count > 0, $"{overlay} {secret}: carries stringData");
        }

        // No credential anywhere in the rendered text: connection strings with passwords, URIs with user:password@.
        var credential = new Regex(@"(?i)(password\s*=|pwd\s*=|\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^@\s]+@)");
        foreach (var o in overlay.Objects)
            foreach (var (path, value) in o.Root.Scalars())
                Assert.False(credential.IsMatch(value), $"{path}: looks like a credential: {value}");
    }
}
