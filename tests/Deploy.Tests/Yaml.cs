using YamlDotNet.RepresentationModel;

namespace Deploy.Tests;

/// <summary>
/// A read-only view of a node in a parsed YAML document that never throws while navigating:
/// a missing key or index gives a node whose <see cref="Exists"/> is false, and every node knows
/// its path (<c>Deployment/registry: spec.replicas</c>) for assertion messages.
/// </summary>
public sealed class Yaml
{
    private readonly YamlNode? _node;

    private Yaml(YamlNode? node, string path)
    {
        _node = node;
        Path = path;
    }

    public static Yaml Root(YamlNode node, string path) => new(node, path);

    public string Path { get; }

    public bool Exists => _node is not null && !IsNullScalar;

    private bool IsNullScalar =>
        _node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public Yaml this[string key]
    {
        get
        {
            var child = _node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
            return new Yaml(child, $"{Path}.{key}");
        }
    }

    public Yaml this[int index]
    {
        get
        {
            var child = _node is YamlSequenceNode seq && index >= 0 && index < seq.Children.Count ? seq.Children[index] : null;
            return new Yaml(child, $"{Path}[{index}]");
        }
    }

    /// <summary>The items of a sequence; empty when this is missing or not a sequence.</summary>
    public IReadOnlyList<Yaml> Items =>
        _node is YamlSequenceNode seq ? seq.Children.Select((c, i) => new Yaml(c, $"{Path}[{i}]")).ToList() : [];

    /// <summary>The entries of a mapping; empty when this is missing or not a mapping.</summary>
    public IReadOnlyList<KeyValuePair<string, Yaml>> Entries =>
        _node is YamlMappingNode map
            ? map.Children.Select(kv =>
            {
                var key = ((YamlScalarNode)kv.Key).Value ?? "";
                return new KeyValuePair<string, Yaml>(key, new Yaml(kv.Value, $"{Path}.{key}"));
            }).ToList()
            : [];

    public bool IsMapping => _node is YamlMappingNode;

    /// <summary>The scalar's text, or null when this is missing, null or not a scalar.</summary>
    public string? Text => Exists && _node is YamlScalarNode scalar ? scalar.Value : null;

    public int? Int => int.TryParse(Text, out var i) ? i : null;

    public bool? Bool => bool.TryParse(Text, out var b) ? b : null;

    /// <summary>Every scalar below this node with its path (for scans such as "no credentials anywhere").</summary>
    public IEnumerable<(string Path, string Value)> Scalars()
    {
        if (Text is { } text) yield return (Path, text);
        foreach (var item in Items)
            foreach (var s in item.Scalars()) yield return s;
        foreach (var (_, value) in Entries)
            foreach (var s in value.Scalars()) yield return s;
    }

    public override string ToString() => Path;
}
