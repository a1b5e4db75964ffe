using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Catalogue;

/// <summary>
/// The AsyncAPI 3.0 document of the Platform's integration events, generated from the contracts
/// project itself (types, their XML documentation, JSON Schema from System.Text.Json), so it cannot
/// drift from what is published. Each service serves its own part at <c>/asyncapi.json</c>;
/// <c>docs/asyncapi.json</c> holds the whole catalogue and a test fails when it is out of date.
/// </summary>
public static class EventCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable in the document
    };

    // What the services write: camelCase, numbers as numbers (Web defaults would also accept strings on reading).
    private static readonly JsonSerializerOptions SchemaOptions = new(JsonSerializerOptions.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    public static IReadOnlyList<Type> Contracts { get; } = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(IntegrationEventNames.ExchangeFor, StringComparer.Ordinal)
        .ToList();

    public static RouteHandlerBuilder MapEventCatalogue(this IEndpointRouteBuilder app, string service) =>
        app.MapGet("/asyncapi.json", () => Results.Text(Generate(service).ToJsonString(Json), "application/json"))
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/json").WithTags("Event catalogue")
            .WithSummary("AsyncAPI 3.0 description of the integration events this service publishes.");

    public static string GenerateText(string? service = null) => Generate(service).ToJsonString(Json) + "\n";

    /// <param name="service">Only this service's contracts (e.g. "registry"); all when null.</param>
    public static JsonObject Generate(string? service = null)
    {
        var docs = XmlDocs.Load(typeof(IIntegrationEvent).Assembly);
        var contracts = Contracts.Where(t => service is null || t.Namespace!.EndsWith("." + Capitalised(service), StringComparison.Ordinal)).ToList();
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in contracts)
        {
            var exchange = IntegrationEventNames.ExchangeFor(type);
            var name = type.Name;
            var channelId = char.ToLowerInvariant(name[0]) + name[1..];
            channels[channelId] = new JsonObject
            {
                ["address"] = exchange,
                ["description"] = $"Fanout exchange {exchange}. Bind your own durable queue to it.",
                ["messages"] = new JsonObject { [name] = Ref($"#/components/messages/{name}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"publish{name}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Ref($"#/channels/{channelId}"),
                ["summary"] = docs.Summary(type),
                ["messages"] = new JsonArray(Ref($"#/channels/{channelId}/messages/{name}")),
            };
            messages[name] = new JsonObject
            {
                ["name"] = IntegrationEventNames.EventName(type),
                ["title"] = name,
                ["summary"] = docs.Summary(type),
                ["contentType"] = "application/json",
                ["headers"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["MT-MessageType"] = new JsonObject { ["type"] = "string", ["description"] = $"urn:message:{type.Namespace}:{name}" },
                        ["platform-feed-position"] = new JsonObject { ["type"] = "integer", ["description"] = "Position of the event in the publishing service's HTTP change feed." },
                    },
                },
                ["payload"] = Ref($"#/components/schemas/{name}"),
                ["examples"] = new JsonArray(new JsonObject { ["name"] = "example", ["payload"] = JsonSerializer.SerializeToNode(Examples.For(type), type, JsonSerializerOptions.Web) }),
            };
            schemas[name] = Schema(type, docs);
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = service is null ? "Platform integration events" : $"Platform {service} integration events",
                ["version"] = "1.0.0",
                ["description"] = "Events published by the Department of Information and Communications' Platform services. " +
                    "Delivery is at least once and in order per source stream; de-duplicate by eventId, or skip a streamVersion already applied. " +
                    "A breaking change is a new contract with the next version suffix (…V2), published beside the old one. " +
                    "The same events are served over HTTP by each service's change feed (GET /api/{service}/feed?after=&limit=).",
            },
            ["defaultContentType"] = "application/json",
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject { ["host"] = "rabbitmq:5672", ["protocol"] = "amqp", ["protocolVersion"] = "0.9.1", ["description"] = "The province's RabbitMQ cluster; ask the Department for an account." },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    private static JsonNode Schema(Type type, XmlDocs docs)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject obj && context.PropertyInfo is { } property)
                {
                    // A nested record's field (a template's fields, rules…) is described on that record.
                    if ((docs.Parameter(property.DeclaringType, property.Name) ?? docs.Parameter(type, property.Name)) is { } description) obj.Insert(0, "description", description);
                    // A field from a code list carries the list itself, so a consumer's validator knows every code.
                    if (property.AttributeProvider?.GetCustomAttributes(typeof(CodeListAttribute), false).OfType<CodeListAttribute>().FirstOrDefault() is { } codes)
                        ((obj["items"] as JsonObject) ?? obj)["enum"] = new JsonArray(CodeList.All(codes.EnumType).Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
                }
                return node;
            },
        });
        if (schema is JsonObject root) root.Insert(0, "description", docs.Summary(type));
        return schema;
    }

    private static JsonObject Ref(string path) => new() { ["$ref"] = path };

    private static string Capitalised(string service) => char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>Summaries and parameter descriptions from the contracts' XML documentation file.</summary>
    private sealed class XmlDocs(XDocument? xml)
    {
        public static XmlDocs Load(Assembly assembly)
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            return new XmlDocs(File.Exists(path) ? XDocument.Load(path) : null);
        }

        private XElement? Member(Type type) =>
            xml?.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == $"T:{type.FullName}");

        public string Summary(Type type) => Clean(Member(type)?.Element("summary")?.Value) ?? type.Name;

        public string? Parameter(Type type, string jsonName) =>
            Clean(Member(type)?.Elements("param").FirstOrDefault(p => string.Equals((string?)p.Attribute("name"), jsonName, StringComparison.OrdinalIgnoreCase))?.Value);

        private static string? Clean(string? text) => text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
