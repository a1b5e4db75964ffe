using System.Text;
using System.Text.Json.Nodes;
using BadInput.Tests.Corpus;
using Marten;
using Platform.Infrastructure.Sites;
using Xunit;
using static BadInput.Tests.Corpus.Corpus;

namespace BadInput.Tests.Infrastructure;

public static class InfrastructureCorpus
{
    private const string S = "infrastructure";
    private const string Api = "/api/infrastructure";

    public const string TowerBody = """
        {"name":"Trạm BTS Cốc Lếu","kind":"greenfield-tower","ownerId":"{OWNER}","district":"Thành phố Lào Cai","commune":"Phường Cốc Lếu",
         "latitude":22.4856,"longitude":103.9707,"address":"Thôn 1","heightMetres":40,"tenantCapacity":3,"zone":"in-plan"}
        """;

    public const string AerialRouteBody = """
        {"name":"Tuyến cáp treo Hoàng Liên","kind":"aerial-cable-route","ownerId":"{OWNER}","district":"Thành phố Lào Cai","commune":"Phường Kim Tân",
         "latitude":22.49,"longitude":103.97,"address":"Đường Hoàng Liên","tenantCapacity":2,"zone":"in-plan","plannedUndergroundingYear":2027}
        """;

    public const string SharingBody = """{"siteId":"{S}","requesterId":"{OTHER}","purpose":"Lắp đặt thiết bị BTS 4G"}""";
    public const string OfferBody = """{"monthlyFeeVnd":1500000,"termMonths":24,"technicalConditions":"Vị trí 2 m² ở độ cao 30 m"}""";
    public const string DisputeBody = """{"raisedBy":"{OTHER}","grounds":"Phí cao hơn mức chung"}""";
    public const string WorksBody = """
        {"ownerId":"{OWNER}","routeOrArea":"Đường Hoàng Liên, đoạn Cốc Lếu","district":"Thành phố Lào Cai","kind":"trenching",
         "plannedStart":"{FUTURE}","durationDays":30,"permitDate":"{TODAY}"}
        """;

    private const string GeoJsonBody = """
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[103.9707,22.4856]},
         "properties":{"name":"Trạm nhập","kind":"electricity-pole","ownerId":"{OWNER}","district":"Thành phố Lào Cai","commune":"Phường Cốc Lếu",
          "address":"Thôn 2","tenantCapacity":2,"zone":"in-plan"}}]}
        """;

    private const string CsvHeader = "name,kind,ownerId,district,commune,latitude,longitude,address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear\n";

    public static readonly WriteEndpoint RegisterSite = new("POST", $"{Api}/sites", TowerBody);
    public static readonly WriteEndpoint Import = new("POST", $"{Api}/sites/import", GeoJsonBody, JsonBody: false);
    public static readonly WriteEndpoint PermitRequest = new("POST", $"{Api}/sites/{{S}}/permit-request", """{"on":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint PermitApproval = new("POST", $"{Api}/sites/{{S}}/permit-approval", """{"on":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint PermitRefusal = new("POST", $"{Api}/sites/{{S}}/permit-refusal", """{"on":"{TODAY}","reason":"Không phù hợp quy hoạch"}""", IfMatch: true);
    public static readonly WriteEndpoint Operation = new("POST", $"{Api}/sites/{{S}}/operation", """{"on":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint Decommissioning = new("POST", $"{Api}/sites/{{S}}/decommissioning", """{"on":"{TODAY}","reason":"Hết hạn thuê đất"}""", IfMatch: true);
    public static readonly WriteEndpoint SiteDetails = new("PUT", $"{Api}/sites/{{S}}/details",
        """{"name":"Trạm BTS Cốc Lếu","address":"Thôn 1","heightMetres":40,"tenantCapacity":3,"zone":"in-plan","plannedUndergroundingYear":null}""", IfMatch: true, StaleStatus: 412);
    public static readonly WriteEndpoint Undergrounding = new("POST", $"{Api}/sites/{{SR}}/undergrounding", """{"on":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint Submit = new("POST", $"{Api}/sharing-requests", SharingBody);
    public static readonly WriteEndpoint Offer = new("POST", $"{Api}/sharing-requests/{{R}}/offer", OfferBody, IfMatch: true);
    public static readonly WriteEndpoint Refusal = new("POST", $"{Api}/sharing-requests/{{R}}/refusal", """{"reason":"no-capacity","explanation":"Tháp đã đủ tải"}""", IfMatch: true);
    public static readonly WriteEndpoint Declining = new("POST", $"{Api}/sharing-requests/{{RO}}/declining", """{"reason":"Phí quá cao"}""", IfMatch: true);
    public static readonly WriteEndpoint Dispute = new("POST", $"{Api}/sharing-requests/{{R}}/dispute", DisputeBody, IfMatch: true);
    public static readonly WriteEndpoint Acceptance = new("POST", $"{Api}/sharing-requests/{{RO}}/acceptance", IfMatch: true);
    public static readonly WriteEndpoint Mediation = new("POST", $"{Api}/sharing-requests/{{RD}}/mediation",
        """{"outcome":"overturned","decision":"Chủ tháp cho thuê theo giá chung","monthlyFeeVnd":1200000,"termMonths":12}""", IfMatch: true);
    public static readonly WriteEndpoint PlanWorks = new("POST", $"{Api}/civil-works", WorksBody);
    public static readonly WriteEndpoint Interest = new("POST", $"{Api}/civil-works/{{W}}/interest", """{"enterpriseId":"{OTHER}","note":"Muốn đi chung cống"}""", IfMatch: true);

    public static readonly WriteEndpoint[] Endpoints =
    [
        RegisterSite, Import, PermitRequest, PermitApproval, PermitRefusal, Operation, Decommissioning, SiteDetails, Undergrounding,
        Submit, Offer, Refusal, Declining, Dispute, Acceptance, Mediation, PlanWorks, Interest,
    ];

    /// <summary>A sharing request's id where a site's goes, planned works' where a site's goes, and so on.</summary>
    private static readonly Dictionary<string, string> WrongKind = new()
    {
        ["S"] = "R", ["SR"] = "W", ["R"] = "S", ["RO"] = "W", ["RD"] = "OWNER", ["W"] = "S",
    };

    public static IEnumerable<CorpusCase> Cases() =>
        Endpoints.SelectMany(e => Generic(S, e, WrongKind)).Concat(Specific()).Concat(ImportCases()).Concat(Accepted())
            .Concat(Paging(S, $"{Api}/civil-works")).Concat(Paging(S, $"{Api}/disputes"));

    private static CorpusCase Case(WriteEndpoint e, string name, Func<ICorpusHost, Task<Probe>> build, params int[] statuses) =>
        new(S, e.Key, name, build, statuses.Length == 0 ? BadRequest : statuses);

    private static IEnumerable<CorpusCase> Specific()
    {
        // Coordinates: WGS84 decimal degrees inside Lào Cai province.
        yield return Case(RegisterSite, "coordinates of Hà Nội (outside the province)", Fields(RegisterSite, ("latitude", 21.0285), ("longitude", 105.8542)));
        yield return Case(RegisterSite, "coordinates of Hồ Chí Minh City", Fields(RegisterSite, ("latitude", 10.7769), ("longitude", 106.7009)));
        yield return Case(RegisterSite, "latitude and longitude swapped", Fields(RegisterSite, ("latitude", 103.9707), ("longitude", 22.4856)));
        yield return Case(RegisterSite, "latitude 91 (not on Earth)", Field(RegisterSite, "latitude", 91));
        yield return Case(RegisterSite, "latitude zero, longitude zero", Fields(RegisterSite, ("latitude", 0), ("longitude", 0)));
        yield return Case(RegisterSite, "latitude missing", Field(RegisterSite, "latitude", Remove));
        yield return Case(RegisterSite, "latitude as the text NaN", Field(RegisterSite, "latitude", "NaN"));
        yield return Case(RegisterSite, "coordinates in degrees-minutes text", Field(RegisterSite, "latitude", "22°29'N"));
        yield return Case(RegisterSite, "district of another province", Field(RegisterSite, "district", "Quận Hoàn Kiếm"));
        yield return Case(RegisterSite, "commune of another district", Field(RegisterSite, "commune", "Xã Y Tý"));
        yield return Case(RegisterSite, "height zero", Field(RegisterSite, "heightMetres", 0));
        yield return Case(RegisterSite, "negative height", Field(RegisterSite, "heightMetres", -40));
        yield return Case(RegisterSite, "height 151 m (over the limit)", Field(RegisterSite, "heightMetres", 151));
        yield return Case(RegisterSite, "height of 79228162514264337593543950336 (over decimal)", Json(RegisterSite, b => Set(b, "heightMetres", JsonNode.Parse("79228162514264337593543950336"))));
        yield return Case(RegisterSite, "a pole with a height", Fields(RegisterSite, ("kind", "electricity-pole"), ("heightMetres", 12)));
        yield return Case(RegisterSite, "tenant capacity zero", Field(RegisterSite, "tenantCapacity", 0));
        yield return Case(RegisterSite, "negative tenant capacity", Field(RegisterSite, "tenantCapacity", -3));
        yield return Case(RegisterSite, "tenant capacity 21", Field(RegisterSite, "tenantCapacity", 21));
        yield return Case(RegisterSite, "tenant capacity 2147483648 (over int)", Json(RegisterSite, b => Set(b, "tenantCapacity", JsonNode.Parse("2147483648"))));
        yield return Case(RegisterSite, "tenant capacity 2.5", Json(RegisterSite, b => Set(b, "tenantCapacity", JsonNode.Parse("2.5"))));
        yield return Case(RegisterSite, "undergrounding year for a tower", Field(RegisterSite, "plannedUndergroundingYear", 2027));
        yield return Case(RegisterSite, "undergrounding year 1999", Fields(RegisterSite, ("kind", "aerial-cable-route"), ("heightMetres", null), ("plannedUndergroundingYear", 1999)));
        yield return Case(RegisterSite, "unknown kind", Field(RegisterSite, "kind", "satellite-dish"));
        yield return Case(RegisterSite, "unknown zone", Field(RegisterSite, "zone", "anywhere"));
        yield return Case(RegisterSite, "owner unknown to the Registry", Field(RegisterSite, "ownerId", Guid.NewGuid().ToString()), 422);
        yield return Case(RegisterSite, "owner id of a site (wrong kind)", h => Field(RegisterSite, "ownerId", h.Values["S"])(h), 422);
        yield return Case(RegisterSite, "owner id all zeros", Field(RegisterSite, "ownerId", Guid.Empty.ToString()));
        yield return Case(RegisterSite, "name missing", Field(RegisterSite, "name", Remove));

        yield return Case(PermitRequest, "date missing", Raw(PermitRequest, "{}"));
        yield return Case(PermitRequest, "date 30 February", Field(PermitRequest, "on", "2026-02-30"));
        yield return Case(PermitRequest, "date in month 13", Field(PermitRequest, "on", "2026-13-01"));
        yield return Case(PermitRequest, "date as a timestamp number", Field(PermitRequest, "on", 1767225600));
        yield return Case(PermitApproval, "a planned site cannot be approved", Raw(PermitApproval, """{"on":"2026-01-10"}"""), 409);
        yield return Case(PermitRefusal, "reason missing", Field(PermitRefusal, "reason", Remove));
        yield return Case(Decommissioning, "reason only spaces", Field(Decommissioning, "reason", "   "));
        yield return Case(Undergrounding, "date in the future", h => Field(Undergrounding, "on", CorpusServiceHost<object>.Today.AddDays(3).ToString("yyyy-MM-dd"))(h));
        yield return Case(Undergrounding, "a site not on the roadmap", At(Undergrounding, $"{Api}/sites/{{S}}/undergrounding"), 422);

        yield return Case(Submit, "site unknown", Field(Submit, "siteId", Guid.NewGuid().ToString()), 422);
        yield return Case(Submit, "site id of a sharing request (wrong kind)", h => Field(Submit, "siteId", h.Values["R"])(h), 422);
        yield return Case(Submit, "requester unknown to the Registry", Field(Submit, "requesterId", Guid.NewGuid().ToString()), 422);
        yield return Case(Submit, "the owner asks to share its own site", h => Fields(Submit, ("siteId", h.Values["S2"]), ("requesterId", h.Values["OWNER"]))(h), 422);
        yield return Case(Submit, "a second open request for the same site", Raw(Submit, SharingBody), 409);
        yield return Case(Submit, "purpose missing", Field(Submit, "purpose", Remove));

        yield return Case(Offer, "negative fee", Field(Offer, "monthlyFeeVnd", -1500000));
        yield return Case(Offer, "fee zero", Field(Offer, "monthlyFeeVnd", 0));
        yield return Case(Offer, "fee with a fraction of a đồng", Field(Offer, "monthlyFeeVnd", 1500000.5m));
        yield return Case(Offer, "fee of 1e30 (over decimal)", Json(Offer, b => Set(b, "monthlyFeeVnd", JsonNode.Parse("1e30"))));
        yield return Case(Offer, "fee as text with thousands separators", Field(Offer, "monthlyFeeVnd", "1.500.000"));
        yield return Case(Offer, "term zero months", Field(Offer, "termMonths", 0));
        yield return Case(Offer, "term of 241 months", Field(Offer, "termMonths", 241));
        yield return Case(Offer, "negative term", Field(Offer, "termMonths", -12));
        yield return Case(Offer, "term of 1.5 months", Json(Offer, b => Set(b, "termMonths", JsonNode.Parse("1.5"))));
        yield return Case(Offer, "an offered request cannot be offered again", At(Offer, $"{Api}/sharing-requests/{{RO}}/offer"), 409);

        yield return Case(Refusal, "unknown reason", Field(Refusal, "reason", "busy"));
        yield return Case(Refusal, "reason other without an explanation", Fields(Refusal, ("reason", "other"), ("explanation", Remove)));
        yield return Case(Dispute, "raised by someone not a party", Field(Dispute, "raisedBy", Guid.NewGuid().ToString()), 422);
        yield return Case(Dispute, "raised by missing", Field(Dispute, "raisedBy", Remove));
        yield return Case(Declining, "a submitted request has no offer to decline", At(Declining, $"{Api}/sharing-requests/{{R}}/declining"), 409);
        yield return Case(Acceptance, "a submitted request has no offer to accept", At(Acceptance, $"{Api}/sharing-requests/{{R}}/acceptance"), 409);
        yield return Case(Mediation, "unknown outcome", Field(Mediation, "outcome", "split"));
        yield return Case(Mediation, "overturned without a fee", Field(Mediation, "monthlyFeeVnd", Remove));
        yield return Case(Mediation, "overturned with a negative fee", Field(Mediation, "monthlyFeeVnd", -1));
        yield return Case(Mediation, "overturned with a fee with a fraction of a đồng", Field(Mediation, "monthlyFeeVnd", 1200000.5m));
        yield return Case(Mediation, "overturned with a term of 241 months", Field(Mediation, "termMonths", 241));
        yield return Case(Mediation, "decision missing", Field(Mediation, "decision", Remove));

        yield return Case(PlanWorks, "start in the past", Field(PlanWorks, "plannedStart", "2020-01-01"));
        yield return Case(PlanWorks, "start on 31 April", Field(PlanWorks, "plannedStart", "2030-04-31"));
        yield return Case(PlanWorks, "duration zero days", Field(PlanWorks, "durationDays", 0));
        yield return Case(PlanWorks, "negative duration", Field(PlanWorks, "durationDays", -30));
        yield return Case(PlanWorks, "duration of 3651 days", Field(PlanWorks, "durationDays", 3651));
        yield return Case(PlanWorks, "district of another province", Field(PlanWorks, "district", "Quận 1"));
        yield return Case(PlanWorks, "unknown kind of works", Field(PlanWorks, "kind", "mining"));
        yield return Case(PlanWorks, "owner unknown to the Registry", Field(PlanWorks, "ownerId", Guid.NewGuid().ToString()), 422);
        yield return Case(PlanWorks, "owner id of a site (wrong kind)", h => Field(PlanWorks, "ownerId", h.Values["S"])(h), 422);
        yield return Case(Interest, "the owner joins its own works", h => Field(Interest, "enterpriseId", h.Values["OWNER"])(h), 422);
        yield return Case(Interest, "enterprise unknown to the Registry", Field(Interest, "enterpriseId", Guid.NewGuid().ToString()), 422);
        yield return Case(Interest, "enterprise missing", Field(Interest, "enterpriseId", Remove));
    }

    /// <summary>The import takes a file (CSV or GeoJSON): an unreadable file is refused whole (400, 413, 415);
    /// a readable file with rows that break the rules is refused whole too (422 listing each refused row), nothing stored.</summary>
    private static IEnumerable<CorpusCase> ImportCases()
    {
        const long limit = Platform.Infrastructure.Sites.SiteImport.MaxBodyBytes;
        string Csv(ICorpusHost h, params string[] rows) => CsvHeader + string.Join("\n", rows.Select(r => Fill(h, r)));
        const string goodRow = "Cột điện nhập,electricity-pole,{OWNER},Thành phố Lào Cai,Phường Cốc Lếu,22.4856,103.9707,Thôn 2,,2,in-plan,";

        yield return Case(Import, "malformed JSON (cut off)", h => Raw(Import, Fill(h, GeoJsonBody)[..40], "application/geo+json")(h));
        yield return Case(Import, "not JSON at all", Raw(Import, "type=FeatureCollection", "application/geo+json"));
        yield return Case(Import, "JSON array instead of a FeatureCollection", Raw(Import, "[]", "application/geo+json"));
        yield return Case(Import, "JSON null", Raw(Import, "null", "application/geo+json"));
        yield return Case(Import, "empty GeoJSON body", Raw(Import, "", "application/geo+json"));
        yield return Case(Import, "a single Feature instead of a FeatureCollection", Raw(Import, """{"type":"Feature","geometry":null,"properties":{}}""", "application/geo+json"));
        yield return Case(Import, "features is not a list", Raw(Import, """{"type":"FeatureCollection","features":"all"}""", "application/geo+json"));
        yield return Case(Import, "a Point with one coordinate", h => Raw(Import, Fill(h, GeoJsonBody).Replace("[103.9707,22.4856]", "[103.9707]"), "application/geo+json")(h));
        yield return Case(Import, "a Point with no coordinates", h => Raw(Import, Fill(h, GeoJsonBody).Replace("[103.9707,22.4856]", "[]"), "application/geo+json")(h));
        yield return Case(Import, "coordinates as text", h => Raw(Import, Fill(h, GeoJsonBody).Replace("[103.9707,22.4856]", "[\"103.9707\",\"22.4856\"]"), "application/geo+json")(h));
        yield return Case(Import, "geometry without a type", h => Raw(Import, Fill(h, GeoJsonBody).Replace("\"type\":\"Point\",", ""), "application/geo+json")(h));
        yield return Case(Import, "no Content-Type", h => Raw(Import, Fill(h, GeoJsonBody), contentType: null)(h), 415);
        yield return Case(Import, "Content-Type application/xml", h => Raw(Import, Fill(h, GeoJsonBody), "application/xml")(h), 415);
        yield return Case(Import, "empty CSV", Raw(Import, "", "text/csv"));
        yield return Case(Import, "CSV ending inside a quoted field", h => Raw(Import, Csv(h, "\"Trạm,chưa đóng ngoặc"), "text/csv")(h));
        yield return Case(Import, $"CSV of {SiteImport.MaxRows + 1} rows", h => Raw(Import, Csv(h, Enumerable.Repeat(goodRow, SiteImport.MaxRows + 1).ToArray()), "text/csv")(h));
        yield return Case(Import, $"body over the import's {limit / 1024 / 1024} MiB limit", Raw(Import, new string('x', (int)limit + 16), "text/csv"), 413);
        yield return Case(Import, $"body over the import's {limit / 1024 / 1024} MiB limit without Content-Length", Raw(Import, new string('x', (int)limit + 16), "text/csv", chunked: true), 413);

        CorpusCase Listed(string name, Func<ICorpusHost, string> file, int rows, string type = "text/csv") => new(S, Import.Key, $"rows refused and listed, none stored: {name}",
            h => Raw(Import, file(h), type)(h), [422], Appended: 0, Verify: (_, body) =>
            {
                Assert.Equal("import-rows-refused", body.GetProperty("code").GetString());
                Assert.Equal(rows, body.GetProperty("rejected").GetArrayLength());
                return Task.CompletedTask;
            });
        yield return Listed("coordinates outside the province", h => Csv(h, goodRow.Replace("22.4856,103.9707", "21.0285,105.8542")), 1);
        yield return Listed("control characters in the name", h => Csv(h, goodRow.Replace("Cột điện nhập", "Cột\u0000điện\u0007")), 1);
        yield return Listed("owner unknown to the Registry", h => Csv(h, goodRow.Replace("{OWNER}", Guid.NewGuid().ToString())), 1);
        yield return Listed("CSV height of 1e300 m", h => Csv(h, goodRow.Replace("Thôn 2,,2", "Thôn 2,1e300,2").Replace("electricity-pole", "greenfield-tower")), 1);
        yield return Listed("CSV capacity of 2.5 tenants", h => Csv(h, goodRow.Replace(",2,in-plan", ",2.5,in-plan")), 1);
        yield return Listed("GeoJSON height of 1e300 m", h => Fill(h, GeoJsonBody).Replace("\"tenantCapacity\":2", "\"tenantCapacity\":2,\"heightMetres\":1e300").Replace("electricity-pole", "greenfield-tower"), 1, "application/geo+json");
        yield return Listed("negative capacity and a district of another province", h => Csv(h, goodRow.Replace(",2,in-plan", ",-2,in-plan"), goodRow.Replace("Thành phố Lào Cai", "Quận 1")), 2);
        // All or nothing: the good row beside a refused one is not stored either (Appended: 0).
        yield return Listed("one good row and one owner unknown to the Registry", h => Csv(h, goodRow, goodRow.Replace("{OWNER}", Guid.NewGuid().ToString())), 1);
    }

    /// <summary>Accepted, and stored clean: a name sent decomposed (NFD) is stored composed (NFC); district and
    /// commune typed without diacritics are stored with the province's reference spelling.</summary>
    private static IEnumerable<CorpusCase> Accepted()
    {
        yield return new CorpusCase(S, RegisterSite.Key, "accepted: decomposed name and unaccented district are stored NFC, reference spelling",
            Fields(RegisterSite, ("name", "Trạm BTS Bắc Cường".Normalize(NormalizationForm.FormD)), ("district", "thanh pho lao cai"), ("commune", "phuong bac cuong")),
            [201], Appended: 1, Verify: async (h, body) =>
            {
                await using var session = h.Store.QuerySession();
                var site = (await session.LoadAsync<Site>(body.GetProperty("id").GetGuid()))!;
                Assert.Equal("Trạm BTS Bắc Cường", site.Name);
                Assert.True(site.Name.IsNormalized(NormalizationForm.FormC));
                Assert.Equal(("Thành phố Lào Cai", "Phường Bắc Cường"), (site.Location.District, site.Location.Commune));
            });
    }
}
