using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Platform.BuildingBlocks.Commands;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

public sealed record RejectedRow(int Row, IReadOnlyDictionary<string, string[]> Errors, string? Detail);
/// <summary>A stored row the Department should look at (e.g. its point lies outside its declared commune).</summary>
public sealed record RowWarning(int Row, Guid SiteId, string Warning);
public sealed record ImportResult(int Accepted, IReadOnlyList<Guid> SiteIds, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<RowWarning> Warnings);

/// <summary>
/// Operators upload their sites as CSV (header: name,kind,ownerId,district,commune,latitude,longitude,
/// address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear, optional route = a LineString's coordinates as
/// JSON, [[lon,lat],…]) or as a GeoJSON FeatureCollection of Points, and LineStrings for ducts and cable routes,
/// of Points with the same properties. Every row goes through the same decision as a single
/// registration. A file is all or nothing: when any row is refused, nothing is stored and the answer is 422
/// problem details (<c>import-rows-refused</c>) listing each refused row and why (<c>rejected</c>), so the operator
/// corrects the file and sends it again whole instead of working out which rows are already in; otherwise every
/// site is registered in one transaction.
/// </summary>
public static class SiteImport
{
    public const int MaxRows = 5000;

    /// <summary>Room for <see cref="MaxRows"/> GeoJSON features (about 600 bytes each with Vietnamese names
    /// escaped), above the service's 1 MiB limit for every other request.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static void Map(RouteGroupBuilder sites) =>
        sites.MapPost("/import", ImportAsync)
            .WithSummary("Bulk import of sites from CSV (text/csv) or GeoJSON (application/geo+json); all or nothing: when a row is refused, none is stored (422 with each refused row).")
            .Produces<ImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithRequestBodyLimit(MaxBodyBytes)
            .Writes(PlatformPolicies.EnterpriseAct);

    private static async Task<IResult> ImportAsync(HttpRequest http, IDocumentSession session, TimeProvider clock, IOptions<InfrastructureOptions> options, ProvinceGeography geography)
    {
        var ct = http.HttpContext.RequestAborted;
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        List<RegisterSiteRequest>? rows;
        try
        {
            rows = mediaType switch
            {
                "text/csv" => ParseCsv(text),
                "application/geo+json" or "application/json" => ParseGeoJson(text),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Problems.From(Rejection.Invalid("file", ex.Message));
        }
        if (rows is null)
            return Results.Problem("Send the file as text/csv or application/geo+json.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                type: Problems.TypeBase + "unsupported-media-type", title: "Unsupported file type.",
                extensions: new Dictionary<string, object?> { ["code"] = "unsupported-media-type" });
        if (rows.Count > MaxRows) return Problems.From(Rejection.Invalid("file", $"at most {MaxRows} rows per upload"));

        var owners = (await session.LoadManyAsync<KnownEnterprise>(ct, rows.Where(r => r.OwnerId is not null).Select(r => r.OwnerId!.Value).Distinct().ToArray()))
            .ToDictionary(k => k.Id);
        var accepted = new List<Guid>();
        var rejected = new List<RejectedRow>();
        var warnings = new List<RowWarning>();
        var province = SitePlacement.ProvinceBounds(geography, options.Value.Province);
        var registrations = Decision.Nothing;
        foreach (var (row, index) in rows.Select((r, i) => (r, i + 1)))
        {
            var id = Guid.CreateVersion7();
            if (row.OwnerId is { } claimed && !http.HttpContext.User.MayActFor(claimed))
            {
                // A representative imports only its own enterprise's sites; the row is refused (and with it the file).
                rejected.Add(new RejectedRow(index, new Dictionary<string, string[]> { ["ownerId"] = ["you may import only your own enterprise's sites"] }, null));
                continue;
            }
            var parsed = RegisterSite.Parse(row, geography, province);
            var decision = parsed.Rejection is { } invalid ? invalid
                : RegisterSite.Decide(parsed.Command, id, owners.GetValueOrDefault(parsed.Command.OwnerId), clock.GetUtcNow());
            if (decision.Rejection is { } rejection)
            {
                rejected.Add(new RejectedRow(index, rejection.Errors ?? new Dictionary<string, string[]>(), rejection.Errors is null ? rejection.Detail : null));
                continue;
            }
            registrations = registrations.And(decision);
            accepted.Add(id);
            warnings.AddRange(parsed.Command.Warnings.Select(w => new RowWarning(index, id, w)));
        }
        if (rejected.Count > 0)
            return RowsRefused(rejected, warnings, rows.Count);
        // The rows are one command: every new site commits together, or none does.
        var sessions = http.HttpContext.RequestServices.GetRequiredService<ISessionFactory>();
        await CommandRunner.RunAsync(sessions.OpenSession, _ => Task.FromResult(registrations), ct);
        return Results.Ok(new ImportResult(accepted.Count, accepted, rejected, warnings));
    }

    /// <summary>422: the file is readable but rows break the rules; nothing was stored. <c>rejected</c> lists each refused
    /// row (as <see cref="ImportResult.Rejected"/>), <c>warnings</c> what the other rows would have been stored with.</summary>
    private static IResult RowsRefused(List<RejectedRow> rejected, List<RowWarning> warnings, int rows) => Results.Problem(
        $"{rejected.Count} of {rows} rows are refused; nothing was stored. Correct them and send the whole file again.",
        statusCode: StatusCodes.Status422UnprocessableEntity, type: Problems.TypeBase + "import-rows-refused", title: "Rows of the file are refused.",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "import-rows-refused",
            ["rejected"] = rejected,
            ["warnings"] = warnings.Select(w => new { row = w.Row, warning = w.Warning }).ToList(),
        });

    public static List<RegisterSiteRequest> ParseCsv(string text)
    {
        var records = Csv.Read(text);
        if (records.Count == 0) throw new FormatException("The CSV is empty.");
        var header = records[0].Select(h => h.Trim()).ToList();
        string? Get(IReadOnlyList<string> r, string column)
        {
            var i = header.IndexOf(column);
            return i < 0 || i >= r.Count || string.IsNullOrWhiteSpace(r[i]) ? null : r[i].Trim();
        }
        return records.Skip(1).Where(r => r.Any(f => f.Length > 0)).Select(r => new RegisterSiteRequest(
            Get(r, "name"), Get(r, "kind"), Guid.TryParse(Get(r, "ownerId"), out var owner) ? owner : null,
            Get(r, "district"), Get(r, "commune"), Number(Get(r, "latitude")), Number(Get(r, "longitude")), Get(r, "address"),
            ToDecimal(Number(Get(r, "heightMetres"))), ToInt(Number(Get(r, "tenantCapacity"))), Get(r, "zone"), ToInt(Number(Get(r, "plannedUndergroundingYear"))),
            Get(r, "route") is { } route ? Positions(JsonDocument.Parse(route).RootElement) : null)).ToList();
    }

    public static List<RegisterSiteRequest> ParseGeoJson(string text)
    {
        using var doc = JsonDocument.Parse(text);
        if (doc.RootElement.GetProperty("type").GetString() != "FeatureCollection") throw new FormatException("The GeoJSON must be a FeatureCollection.");
        return doc.RootElement.GetProperty("features").EnumerateArray().Select(f =>
        {
            var p = f.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? props : default;
            string? S(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            double? N(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            double? lon = null, lat = null;
            double[][]? route = null;
            if (f.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object && g.GetProperty("type").GetString() == "Point")
            {
                var c = g.GetProperty("coordinates");
                if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() < 2) throw new FormatException("A Point's coordinates are [longitude, latitude].");
                (lon, lat) = (c[0].GetDouble(), c[1].GetDouble()); // GeoJSON order: longitude, latitude
            }
            else if (g.ValueKind == JsonValueKind.Object && g.GetProperty("type").GetString() == "LineString")
                route = Positions(g.GetProperty("coordinates"));
            return new RegisterSiteRequest(S("name"), S("kind"), Guid.TryParse(S("ownerId"), out var owner) ? owner : null, S("district"), S("commune"),
                N("latitude") ?? lat, N("longitude") ?? lon, S("address"), ToDecimal(N("heightMetres")), ToInt(N("tenantCapacity")), S("zone"), ToInt(N("plannedUndergroundingYear")), route);
        }).ToList();
    }

    /// <summary>A LineString's coordinates: [[longitude, latitude], …]; the row's rules check count, range and province.</summary>
    private static double[][] Positions(JsonElement coordinates)
    {
        if (coordinates.ValueKind != JsonValueKind.Array) throw new FormatException("A LineString's coordinates are an array of [longitude, latitude].");
        return coordinates.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() >= 2 && p[0].ValueKind == JsonValueKind.Number && p[1].ValueKind == JsonValueKind.Number
            ? new[] { p[0].GetDouble(), p[1].GetDouble() }
            : throw new FormatException("Each LineString position is [longitude, latitude].")).ToArray();
    }

    // A figure a decimal or an int cannot hold (1e300, NaN, 2.5 tenants) becomes one the rules refuse,
    // so the row is listed with its error instead of the cast failing the whole upload.
    private static decimal? ToDecimal(double? d) => d switch
    {
        null => null,
        double.NaN => decimal.MinValue,
        >= (double)decimal.MaxValue => decimal.MaxValue,
        <= (double)decimal.MinValue => decimal.MinValue,
        _ => (decimal)d.Value,
    };

    private static int? ToInt(double? d) => d is null ? null : d is >= int.MinValue and <= int.MaxValue && d == Math.Floor(d.Value) ? (int)d.Value : int.MinValue;

    private static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
