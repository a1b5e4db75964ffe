using System.Text.RegularExpressions;
using Xunit;

namespace Deploy.Tests;

/// <summary>Each service, in each overlay: its objects, probes, resources, security and configuration.</summary>
public sealed class ServiceWorkloadTests
{
    [Theory]
    [MemberData(nameof(Platform.OverlayServices), MemberType = typeof(Platform))]
    public void Every_service_has_a_deployment_service_config_map_pdb_and_hpa_wired_together(string overlayName, string service)
    {
        var overlay = Kustomize.Render(overlayName);
        var workload = new Workload(overlay, service);
        var deployment = workload.Deployment;

        Assert.True(Platform.Selects(deployment["spec"]["selector"]["matchLabels"], workload.PodLabels),
            $"{deployment}: spec.selector does not select its own pod template");

        var svc = overlay.Get("Service", service);
        Assert.True(Platform.Selects(svc["spec"]["selector"], workload.PodLabels),
            $"{svc}: spec.selector does not select the pods of {deployment}");
        var port = Assert.Single(svc["spec"]["ports"].Items);
        Assert.Equal(8080, port["port"].Int);
        Assert.True(workload.ContainerPort(port["targetPort"]) == 8080, $"{port.Path}.targetPort does not reach container port 8080");

        var pdb = overlay.Get("PodDisruptionBudget", service);
        Assert.StartsWith("policy/", pdb.ApiVersion);
        Assert.True(Platform.Selects(pdb["spec"]["selector"]["matchLabels"], workload.PodLabels),
            $"{pdb}: spec.selector does not select the pods of {deployment}");
        Assert.True(pdb["spec"]["minAvailable"].Exists || pdb["spec"]["maxUnavailable"].Exists, $"{pdb}: no budget set");

        var hpa = overlay.Get("HorizontalPodAutoscaler", service);
        Assert.Equal("autoscaling/v2", hpa.ApiVersion);
        Assert.Equal("Deployment", hpa["spec"]["scaleTargetRef"]["kind"].Text);
        Assert.Equal(service, hpa["spec"]["scaleTargetRef"]["name"].Text);
        Assert.Contains(hpa["spec"]["metrics"].Items,
            m => m["type"].Text == "Resource" && m["resource"]["name"].Text == "cpu" && m["resource"]["target"]["averageUtilization"].Int > 0);
        Assert.True(hpa["spec"]["maxReplicas"].Int >= (hpa["spec"]["minReplicas"].Int ?? 1), $"{hpa}: maxReplicas < minReplicas");

        // The service's own ConfigMap (kustomize appends a content hash to the name).
        Assert.Contains(workload.ConfigMaps, map => Regex.IsMatch(map.Name, $"^{service}-config(-[a-z0-9]+)?$"));
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayWorkloads), MemberType = typeof(Platform))]
    public void Readiness_probes_health_and_liveness_probes_alive_on_the_http_port(string overlayName, string service)
    {
        var workload = new Workload(Kustomize.Render(overlayName), service);
        var app = workload.App;

        var readiness = app["readinessProbe"]["httpGet"];
        Assert.True(readiness["path"].Text == "/health", $"{readiness.Path}.path is {readiness["path"].Text ?? "missing"}, expected /health");
        Assert.True(workload.ContainerPort(readiness["port"]) == 8080, $"{readiness.Path}.port does not reach 8080");

        var liveness = app["livenessProbe"]["httpGet"];
        Assert.True(liveness["path"].Text == "/alive", $"{liveness.Path}.path is {liveness["path"].Text ?? "missing"}, expected /alive");
        Assert.True(workload.ContainerPort(liveness["port"]) == 8080, $"{liveness.Path}.port does not reach 8080");
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayWorkloads), MemberType = typeof(Platform))]
    public void Every_container_sets_cpu_and_memory_requests_and_limits(string overlayName, string service)
    {
        var workload = new Workload(Kustomize.Render(overlayName), service);
        foreach (var container in workload.Containers)
            foreach (var bound in new[] { "requests", "limits" })
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    var value = container["resources"][bound][resource];
                    Assert.True(!string.IsNullOrWhiteSpace(value.Text), $"{value.Path} is not set");
                }
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayWorkloads), MemberType = typeof(Platform))]
    public void Pods_run_as_the_non_root_app_user_with_a_read_only_root_filesystem(string overlayName, string service)
    {
        var workload = new Workload(Kustomize.Render(overlayName), service);
        var pod = workload.PodSpec["securityContext"];
        Assert.True(pod["runAsNonRoot"].Bool == true, $"{pod.Path}.runAsNonRoot is not true");
        Assert.True(pod["runAsUser"].Int == 1654, $"{pod.Path}.runAsUser is not 1654 (the .NET images' app user)");
        Assert.True(workload.PodSpec["automountServiceAccountToken"].Bool == false, $"{workload.Deployment}: service account token mounted");

        foreach (var container in workload.Containers)
        {
            var sc = container["securityContext"];
            Assert.True(sc["allowPrivilegeEscalation"].Bool == false, $"{sc.Path}.allowPrivilegeEscalation is not false");
            Assert.True(sc["readOnlyRootFilesystem"].Bool == true, $"{sc.Path}.readOnlyRootFilesystem is not true");
            Assert.True(sc["privileged"].Bool != true, $"{sc.Path}.privileged is true");
            Assert.True(sc["runAsNonRoot"].Bool != false, $"{sc.Path}.runAsNonRoot is false");
            Assert.True(sc["runAsUser"].Int is null or 1654, $"{sc.Path}.runAsUser overrides the app user");
            Assert.True(sc["capabilities"]["drop"].Items.Any(c => c.Text == "ALL"), $"{sc.Path}.capabilities.drop lacks ALL");
            var seccomp = sc["seccompProfile"]["type"].Text ?? pod["seccompProfile"]["type"].Text;
            Assert.True(seccomp == "RuntimeDefault", $"{sc.Path}: seccomp profile is {seccomp ?? "unset"}, expected RuntimeDefault");
        }

        // With a read-only root filesystem .NET still needs a writable /tmp.
        var tmp = workload.App["volumeMounts"].Items.FirstOrDefault(m => m["mountPath"].Text == "/tmp");
        Assert.True(tmp is not null, $"{workload.App.Path}: nothing mounted at /tmp");
        var volume = workload.PodSpec["volumes"].Items.FirstOrDefault(v => v["name"].Text == tmp["name"].Text);
        Assert.True(volume?["emptyDir"].IsMapping == true, $"{workload.Deployment}: /tmp is not an emptyDir volume");
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayServices), MemberType = typeof(Platform))]
    public void Connection_strings_come_only_from_secret_key_refs(string overlayName, string service)
    {
        var workload = new Workload(Kustomize.Render(overlayName), service);
        var env = workload.App["env"].Items;

        foreach (var required in new[] { $"ConnectionStrings__{service}db", "ConnectionStrings__messaging" })
            Assert.True(env.Any(e => e["name"].Text == required), $"{workload.App.Path}: no {required}");

        foreach (var variable in env.Where(e => e["name"].Text?.StartsWith("ConnectionStrings__", StringComparison.Ordinal) == true))
        {
            Assert.False(variable["value"].Exists, $"{variable.Path} ({variable["name"].Text}) has an inline value");
            var reference = variable["valueFrom"]["secretKeyRef"];
            Assert.True(reference["name"].Text is { Length: > 0 } && reference["key"].Text is { Length: > 0 },
                $"{variable.Path} ({variable["name"].Text}) is not from a secretKeyRef");
        }

        // Secrets enter only by name and key: no whole Secret poured into the environment.
        foreach (var source in workload.App["envFrom"].Items)
            Assert.True(source["configMapRef"].Exists && !source["secretRef"].Exists, $"{source.Path}: envFrom other than a ConfigMap");

        foreach (var map in workload.ConfigMaps)
            foreach (var (key, _) in map["data"].Entries)
                Assert.False(key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                             || key.Contains("Password", StringComparison.OrdinalIgnoreCase)
                             || key.Contains("ClientSecret", StringComparison.OrdinalIgnoreCase),
                    $"{map}: secret setting {key} in a ConfigMap");
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayWorkloads), MemberType = typeof(Platform))]
    public void Configuration_gives_url_environment_telemetry_and_service_discovery(string overlayName, string service)
    {
        var workload = new Workload(Kustomize.Render(overlayName), service);
        var settings = workload.Settings;
        string Setting(string key) => settings.TryGetValue(key, out var value) ? value : "<missing>";

        Assert.Equal("http://+:8080", Setting("ASPNETCORE_URLS"));
        Assert.True(settings.TryGetValue("ASPNETCORE_ENVIRONMENT", out var environment) && environment.Length > 0,
            $"{workload.Deployment}: ASPNETCORE_ENVIRONMENT not set");
        Assert.True(Uri.TryCreate(Setting("OTEL_EXPORTER_OTLP_ENDPOINT"), UriKind.Absolute, out _),
            $"{workload.Deployment}: OTEL_EXPORTER_OTLP_ENDPOINT is {Setting("OTEL_EXPORTER_OTLP_ENDPOINT")}");
        Assert.Equal(service, Setting("OTEL_SERVICE_NAME"));
        foreach (var other in Platform.Services)
            Assert.Equal($"http://{other}:8080", Setting($"services__{other}__http__0"));
    }

    [Theory]
    [MemberData(nameof(Platform.OverlayWorkloads), MemberType = typeof(Platform))]
    public void The_image_is_the_services_own_with_a_tag(string overlayName, string service)
    {
        var image = new Workload(Kustomize.Render(overlayName), service).App["image"];
        Assert.True(image.Text is { } text && Regex.IsMatch(text, $"^([^/]+/)*platform/{service}:[A-Za-z0-9_][A-Za-z0-9_.-]*$"),
            $"{image.Path} is {image.Text ?? "missing"}, expected …platform/{service}:<tag>");
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void The_web_console_is_one_replica_behind_its_service_with_its_session_database_no_broker_and_only_its_own_secret(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var workload = new Workload(overlay, Platform.Console);
        var deployment = workload.Deployment;
        Assert.True(deployment["spec"]["replicas"].Int == 1, $"{deployment}: replicas {deployment["spec"]["replicas"].Text ?? "unset"}, expected 1");
        Assert.True(Platform.Selects(deployment["spec"]["selector"]["matchLabels"], workload.PodLabels),
            $"{deployment}: spec.selector does not select its own pod template");

        var svc = overlay.Get("Service", Platform.Console);
        Assert.True(Platform.Selects(svc["spec"]["selector"], workload.PodLabels), $"{svc}: spec.selector does not select the console's pods");
        var port = Assert.Single(svc["spec"]["ports"].Items);
        Assert.Equal(8080, port["port"].Int);
        Assert.True(workload.ContainerPort(port["targetPort"]) == 8080, $"{port.Path}.targetPort does not reach container port 8080");

        Assert.Contains(workload.ConfigMaps, map => Regex.IsMatch(map.Name, "^web-config(-[a-z0-9]+)?$"));
        // Its secrets: the session database's connection string and its OpenID Connect client secret, both from its own Secret.
        var env = workload.App["env"].Items;
        foreach (var name in new[] { "ConnectionStrings__webdb", "Authentication__Oidc__ClientSecret" })
            Assert.True(env.Any(e => e["name"].Text == name && e["valueFrom"]["secretKeyRef"]["name"].Text == "web-credentials"),
                $"{overlayName} web: {name} not from the Secret web-credentials");
        foreach (var e in env.Where(e => e["name"].Text is not ("ConnectionStrings__webdb" or "Authentication__Oidc__ClientSecret")))
            Assert.False(e["valueFrom"]["secretKeyRef"].Exists, $"{e.Path}: the console reads no other Secret");
        // No broker, and no connection string in a ConfigMap.
        Assert.DoesNotContain(workload.Settings.Keys, key => key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(env, e => e["name"].Text == "ConnectionStrings__messaging");
        var database = overlay.OfKind("Database").SingleOrDefault(d => d["spec"]["name"].Text == "webdb");
        Assert.True(database is not null && database["spec"]["owner"].Text == "web", $"{overlayName}: no CNPG Database webdb owned by web");
    }
}
