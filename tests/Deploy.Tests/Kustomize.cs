using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Deploy.Tests;

/// <summary>One Kubernetes object of a rendered overlay.</summary>
public sealed record K8sObject(string ApiVersion, string Kind, string Name, string? Namespace, Yaml Root)
{
    public Yaml this[string key] => Root[key];

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>What <c>kubectl kustomize deploy/k8s/overlays/&lt;name&gt;</c> prints, parsed.</summary>
public sealed class Overlay(string name, IReadOnlyList<K8sObject> objects)
{
    public string Name { get; } = name;

    public IReadOnlyList<K8sObject> Objects { get; } = objects;

    public IReadOnlyList<K8sObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind).ToList();

    public K8sObject? Find(string kind, string name) => Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);

    public K8sObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException(
            $"overlay {Name}: no {kind}/{name}; it has {string.Join(", ", Objects.Select(o => o.ToString()))}");

    public override string ToString() => Name;
}

/// <summary>
/// Renders an overlay with <c>kubectl kustomize</c> once per test run. kubectl is taken from
/// <c>$KUBECTL</c>, else from PATH, else /usr/bin/kubectl; when there is none the tests fail with
/// a message saying so. The manifests are read from the repository's deploy/k8s, or from
/// <c>$PLATFORM_DEPLOY_K8S_DIR</c> (to check a modified copy without touching the repository).
/// </summary>
public static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<Overlay>> Rendered = new();

    public static Overlay Render(string overlay) =>
        Rendered.GetOrAdd(overlay, o => new Lazy<Overlay>(() => RenderNow(o))).Value;

    public static string DeployDirectory()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_DEPLOY_K8S_DIR") is { Length: > 0 } overridden)
            return Path.GetFullPath(overridden);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "k8s");
            if (Directory.Exists(Path.Combine(candidate, "overlays"))) return candidate;
        }
        throw new InvalidOperationException($"No deploy/k8s/overlays above {AppContext.BaseDirectory}.");
    }

    public static string FindKubectl()
    {
        if (Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } configured)
            return IsFile(configured)
                ? configured
                : throw new InvalidOperationException($"KUBECTL={configured} does not exist.");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(IsFile);
        if (onPath is not null) return onPath;
        if (IsFile("/usr/bin/kubectl")) return "/usr/bin/kubectl";
        throw new InvalidOperationException(KubectlMissing);
    }

    private const string KubectlMissing =
        "kubectl was not found ($KUBECTL, PATH, /usr/bin/kubectl). The deploy/k8s checks render each overlay " +
        "with `kubectl kustomize`; install kubectl (it bundles kustomize) to run them.";

    /// <summary>A file, or a symbolic link whose final target is one (a dangling link is not).</summary>
    private static bool IsFile(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true);
    }

    private static Overlay RenderNow(string overlay)
    {
        var dir = Path.Combine(DeployDirectory(), "overlays", overlay);
        if (!Directory.Exists(dir)) throw new InvalidOperationException($"No overlay at {dir}.");

        var start = new ProcessStartInfo(FindKubectl())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(dir);
        using var process = Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"kubectl kustomize {dir} did not finish within 2 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize {dir} failed ({process.ExitCode}):\n{stderr.Result}");

        return new Overlay(overlay, Parse(stdout.Result, overlay));
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{KubectlMissing} ({start.FileName}: {e.Message})", e);
        }
    }

    public static IReadOnlyList<K8sObject> Parse(string yamlStream, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yamlStream));
        var objects = new List<K8sObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode) continue;
            var probe = Yaml.Root(document.RootNode, source);
            var kind = probe["kind"].Text ?? throw new InvalidOperationException($"{source}: an object without kind");
            var name = probe["metadata"]["name"].Text ?? throw new InvalidOperationException($"{source}: a {kind} without a name");
            objects.Add(new K8sObject(
                probe["apiVersion"].Text ?? "",
                kind,
                name,
                probe["metadata"]["namespace"].Text,
                Yaml.Root(document.RootNode, $"{source} {kind}/{name}")));
        }
        return objects;
    }
}
