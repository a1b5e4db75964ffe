using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit.Serialization;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The JSON options every integration event is written and read with on RabbitMQ: MassTransit's own
/// (<see cref="SystemTextJsonMessageSerializer.Options"/>, which its raw serializer uses), except that a
/// <c>decimal</c> travels as a JSON number, as docs/asyncapi.json declares it. MassTransit 8.5 puts its
/// <c>StringDecimalJsonConverter</c> first in that list, which wrote <c>"10000000"</c>; the published
/// document is what outside systems were told to follow, so the wire follows the document.
/// </summary>
public static class WireJson
{
    private static readonly Lock Gate = new();

    /// <summary>The options the bus serializes with (after <see cref="Configure"/>).</summary>
    public static JsonSerializerOptions Options
    {
        get
        {
            Configure();
            return SystemTextJsonMessageSerializer.Options;
        }
    }

    /// <summary>Puts <see cref="NumberDecimalConverter"/> in place of MassTransit's string converter. The options are
    /// MassTransit's static ones (one per process, shared by every bus in it), so this replaces them once with a copy
    /// (options already used to serialize are read-only).</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            var current = SystemTextJsonMessageSerializer.Options;
            if (current.Converters.Any(c => c is NumberDecimalConverter)) return;
            var options = new JsonSerializerOptions(current);
            foreach (var stringDecimals in options.Converters.Where(c => c.CanConvert(typeof(decimal))).ToList()) options.Converters.Remove(stringDecimals);
            options.Converters.Insert(0, new NumberDecimalConverter());
            SystemTextJsonMessageSerializer.Options = options;
        }
    }

    /// <summary>Writes a decimal as a JSON number (System.Text.Json keeps all its digits: 28–29 significant, more than
    /// any VND amount or figure needs; a reader parsing into a double is exact up to 2^53 ≈ 9 × 10^15 đồng). Reads a
    /// number or a numeric string: messages written before this change (strings) may still wait in queues.</summary>
    public sealed class NumberDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDecimal(),
                JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
                _ => throw new JsonException($"Expected a number or a numeric string for a decimal, got {reader.TokenType}"),
            };

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
