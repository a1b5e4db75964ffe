using Xunit;

namespace Deploy.Tests;

/// <summary>Replica counts and availability per overlay.</summary>
public sealed class SizingTests
{
    [Fact]
    public void Prod_runs_every_service_on_two_or_more_replicas_that_disruptions_and_scaling_keep()
    {
        var prod = Kustomize.Render("prod");
        foreach (var service in Platform.Services)
        {
            var deployment = prod.Get("Deployment", service);
            Assert.True(deployment["spec"]["replicas"].Int >= 2, $"{deployment}: replicas {deployment["spec"]["replicas"].Text ?? "unset"} < 2");

            var hpa = prod.Get("HorizontalPodAutoscaler", service);
            Assert.True(hpa["spec"]["minReplicas"].Int >= 2, $"{hpa}: minReplicas {hpa["spec"]["minReplicas"].Text ?? "unset"} < 2");
            Assert.True(hpa["spec"]["maxReplicas"].Int >= hpa["spec"]["minReplicas"].Int, $"{hpa}: maxReplicas < minReplicas");

            var pdb = prod.Get("PodDisruptionBudget", service);
            Assert.True(pdb["spec"]["minAvailable"].Int == 1, $"{pdb}: minAvailable is {pdb["spec"]["minAvailable"].Text ?? "unset"}, expected 1");
            Assert.False(pdb["spec"]["maxUnavailable"].Exists, $"{pdb}: sets maxUnavailable too");
        }
    }

    [Fact]
    public void Prod_runs_three_postgres_instances_with_synchronous_replication_and_three_rabbitmq_nodes()
    {
        var prod = Kustomize.Render("prod");
        var postgres = Assert.Single(prod.OfKind("Cluster"));
        Assert.True(postgres["spec"]["instances"].Int == 3, $"{postgres}: instances {postgres["spec"]["instances"].Text ?? "unset"}, expected 3");
        Assert.True(postgres["spec"]["postgresql"]["synchronous"]["number"].Int >= 1, $"{postgres}: no synchronous standby");

        var rabbitmq = Assert.Single(prod.OfKind("RabbitmqCluster"));
        Assert.True(rabbitmq["spec"]["replicas"].Int == 3, $"{rabbitmq}: replicas {rabbitmq["spec"]["replicas"].Text ?? "unset"}, expected 3");
    }

    [Fact]
    public void Prod_runs_in_the_production_environment_with_an_identity_provider()
    {
        // Outside Development the services refuse to start without an OpenID Connect authority.
        var prod = Kustomize.Render("prod");
        foreach (var service in Platform.Services)
        {
            var settings = new Workload(prod, service).Settings;
            Assert.Equal("Production", settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
            Assert.True(Uri.TryCreate(settings.GetValueOrDefault("Authentication__Schemes__Bearer__Authority"), UriKind.Absolute, out var authority)
                        && authority.Scheme == Uri.UriSchemeHttps, $"prod {service}: no https Authentication__Schemes__Bearer__Authority");
        }
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void The_console_signs_in_at_the_identity_service_whose_keys_and_client_secrets_come_from_secrets(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var identity = new Workload(overlay, "identity");
        var console = new Workload(overlay, Platform.Console).Settings;
        var issuer = identity.Settings.GetValueOrDefault("Identity__Issuer");
        Assert.True(Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, $"{overlayName}: Identity__Issuer {issuer}");
        Assert.Equal(issuer, console.GetValueOrDefault("Authentication__Oidc__Authority"));
        Assert.Equal("platform-web", console.GetValueOrDefault("Authentication__Oidc__ClientId"));
        Assert.StartsWith(new Uri(uri!, "/").ToString()[..8], identity.Settings.GetValueOrDefault("Identity__Clients__platform-web__RedirectUris__0"));
        var env = identity.App["env"].Items;
        // The signing keys are the service's own key ring (in its database); the encryption certificate comes from a Secret.
        foreach (var name in new[] { "Identity__EncryptionCertificates__0__Password", "Identity__Clients__platform-web__Secret" })
            Assert.True(env.Any(e => e["name"].Text == name && e["valueFrom"]["secretKeyRef"]["name"].Text is { Length: > 0 }), $"{overlayName} identity: {name} not from a Secret");
        Assert.Contains(identity.PodSpec["volumes"].Items, v => v["secret"]["secretName"].Text == "identity-keys");
        if (overlayName == "prod")
            foreach (var service in Platform.Services.Where(s => s != "identity"))
                Assert.Equal(issuer, new Workload(overlay, service).Settings.GetValueOrDefault("Authentication__Schemes__Bearer__Authority"));
    }

    [Fact]
    public void Dev_runs_one_of_everything_and_still_lets_nodes_drain()
    {
        var dev = Kustomize.Render("dev");
        foreach (var service in Platform.Services)
        {
            var deployment = dev.Get("Deployment", service);
            Assert.True(deployment["spec"]["replicas"].Int == 1, $"{deployment}: replicas {deployment["spec"]["replicas"].Text ?? "unset"}, expected 1");
            var pdb = dev.Get("PodDisruptionBudget", service);
            Assert.True(pdb["spec"]["maxUnavailable"].Int >= 1 || pdb["spec"]["minAvailable"].Int is 0,
                $"{pdb}: with one replica this budget blocks every drain");
        }
        Assert.Equal(1, Assert.Single(dev.OfKind("Cluster"))["spec"]["instances"].Int);
        Assert.Equal(1, Assert.Single(dev.OfKind("RabbitmqCluster"))["spec"]["replicas"].Int);
    }
}
