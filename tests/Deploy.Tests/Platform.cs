using Xunit;

namespace Deploy.Tests;

/// <summary>What the deploy/k8s overlays must contain: the four services, the identity service and the web console, each overlay.</summary>
public static class Platform
{
    /// <summary>The services with a database and the broker: the four APIs and the identity service.</summary>
    public static readonly string[] Services = ["registry", "infrastructure", "meetings", "reporting", "identity"];

    /// <summary>The web console: a workload like the services (image, probes, limits, security, settings),
    /// with its session database (webdb) but no broker, one Secret (web-credentials: that database and its OpenID Connect
    /// client secret), and one replica without HPA or PDB (deploy/k8s/base/services/web/deployment.yaml).</summary>
    public const string Console = "web";

    public static readonly string[] Workloads = [.. Services, Console];

    public static readonly string[] OverlayNames = ["dev", "prod"];

    public static TheoryData<string> Overlays
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var overlay in OverlayNames) data.Add(overlay);
            return data;
        }
    }

    public static TheoryData<string, string> OverlayServices
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var overlay in OverlayNames)
                foreach (var service in Services) data.Add(overlay, service);
            return data;
        }
    }

    public static TheoryData<string, string> OverlayWorkloads
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var overlay in OverlayNames)
                foreach (var workload in Workloads) data.Add(overlay, workload);
            return data;
        }
    }

    /// <summary>True when every label of a non-empty selector (a matchLabels map) is on <paramref name="labels"/>.</summary>
    public static bool Selects(Yaml matchLabels, Yaml labels) =>
        matchLabels.Entries.Count > 0 && matchLabels.Entries.All(kv => labels[kv.Key].Text == kv.Value.Text);
}

/// <summary>One service's Deployment in a rendered overlay, and what it refers to.</summary>
public sealed class Workload(Overlay overlay, string service)
{
    public Overlay Overlay { get; } = overlay;

    public string Service { get; } = service;

    public K8sObject Deployment => Overlay.Get("Deployment", Service);

    public Yaml PodSpec => Deployment["spec"]["template"]["spec"];

    public Yaml PodLabels => Deployment["spec"]["template"]["metadata"]["labels"];

    public IReadOnlyList<Yaml> Containers => [.. PodSpec["containers"].Items, .. PodSpec["initContainers"].Items];

    /// <summary>The service's own container (every Deployment runs exactly one, named "app").</summary>
    public Yaml App
    {
        get
        {
            var containers = PodSpec["containers"].Items;
            Assert.True(containers.Count == 1, $"{Deployment}: expected one container, found {containers.Count}");
            return containers[0];
        }
    }

    /// <summary>The ConfigMaps the container reads through envFrom, in order (later ones win).</summary>
    public IReadOnlyList<K8sObject> ConfigMaps =>
        App["envFrom"].Items
            .Select(source => source["configMapRef"]["name"].Text)
            .OfType<string>()
            .Select(name => Overlay.Get("ConfigMap", name))
            .ToList();

    /// <summary>The environment the container gets from its ConfigMaps and literal env values.</summary>
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var map in ConfigMaps)
                foreach (var (key, value) in map["data"].Entries)
                    settings[key] = value.Text ?? "";
            foreach (var env in App["env"].Items)
                if (env["name"].Text is { } name && env["value"].Text is { } value)
                    settings[name] = value;
            return settings;
        }
    }

    /// <summary>The container port a probe or Service port refers to (by number or by name).</summary>
    public int? ContainerPort(Yaml port)
    {
        if (port.Int is { } number) return number;
        return App["ports"].Items.FirstOrDefault(p => p["name"].Text == port.Text)?["containerPort"].Int;
    }
}
