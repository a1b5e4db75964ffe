using System.Text;

namespace Platform.Contracts;

/// <summary>
/// Where an integration event is published: one fanout exchange per contract, named
/// <c>platform.{service}.{event-name}.v{N}</c>, e.g. <c>platform.registry.enterprise-registered.v1</c>.
/// Outside systems bind their own queue to the exchanges they need.
/// </summary>
public static class IntegrationEventNames
{
    public static string ExchangeFor<T>() where T : IIntegrationEvent => ExchangeFor(typeof(T));

    public static string ExchangeFor(Type contract)
    {
        var service = contract.Namespace!.Split('.').Last().ToLowerInvariant();
        return $"platform.{service}.{EventName(contract)}";
    }

    /// <summary>Kebab-case name with the version, e.g. <c>enterprise-registered.v1</c>; also the
    /// <c>type</c> of each entry in the HTTP change feed.</summary>
    public static string EventName(Type contract)
    {
        var name = contract.Name;
        var v = name.LastIndexOf('V');
        if (v <= 0 || !name[(v + 1)..].All(char.IsDigit) || v == name.Length - 1)
            throw new ArgumentException($"{name} is not versioned by name (…V1)", nameof(contract));
        var kebab = new StringBuilder();
        foreach (var c in name[..v])
        {
            if (char.IsUpper(c) && kebab.Length > 0) kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(c));
        }
        return $"{kebab}.v{name[(v + 1)..]}";
    }
}
