using System.Text;
using System.Text.Json.Nodes;
using BadInput.Tests.Corpus;
using Marten;
using Platform.Reporting.Indicators;
using Xunit;
using static BadInput.Tests.Corpus.Corpus;

namespace BadInput.Tests.Reporting;

public static class ReportingCorpus
{
    private const string S = "reporting";
    private const string Api = "/api/reporting";

    private const string Values = """
        {"mobile-subscribers":100000,"prepaid-subscribers":90000,"prepaid-registered":80000,"fixed-subscribers":5000,
         "internet-subscribers":30000,"operational-bts":120,"revenue-vnd":9500000000}
        """;

    public static readonly WriteEndpoint Draft = new("PUT", $"{Api}/submissions/{{SUB}}/draft", """{"values":{"mobile-subscribers":100000,"prepaid-subscribers":90000}}""", IfMatch: true, StaleStatus: 412);
    public static readonly WriteEndpoint Submit = new("POST", $"{Api}/submissions/{{SUB}}/submission", $$"""{"values":{{Values}},"signerName":"Lê Văn Bình","signerTitle":"Giám đốc chi nhánh"}""", IfMatch: true);
    public static readonly WriteEndpoint Accept = new("POST", $"{Api}/submissions/{{SUB}}/acceptance", IfMatch: true);
    public static readonly WriteEndpoint Return = new("POST", $"{Api}/submissions/{{SUB}}/return", """{"reason":"Số liệu chưa khớp kỳ trước"}""", IfMatch: true);
    public static readonly WriteEndpoint Exception = new("POST", $"{Api}/submissions/{{SUB}}/exception", """{"until":"{FUTURE}","reason":"Mất điện kéo dài"}""", IfMatch: true);
    public static readonly WriteEndpoint Publish = new("POST", $"{Api}/indicators/{{PERIOD}}/publication");
    public static readonly WriteEndpoint Population = new("PUT", $"{Api}/population/{{YEAR}}/{{DISTRICT}}", """{"inhabitants":128000}""", IfMatch: true, StaleStatus: 412);

    // A new annual template ({TEMPLATE}: a code nothing else uses), so a refused version is the only thing that could have changed it.
    public static readonly WriteEndpoint TemplateVersion = new("POST", $"{Api}/templates/{{TEMPLATE}}/versions", """
        {"name":"Báo cáo năm thử nghiệm","nameEn":"Trial annual report","periodType":"annual","enterpriseKinds":["network-operator"],
         "effectiveFrom":"2030","dueDays":75,"source":"Sở Thông tin và Truyền thông",
         "fields":[{"code":"revenue-vnd","label":"Doanh thu","labelEn":"Revenue","type":"vnd","required":true,"min":0}]}
        """);

    public static readonly WriteEndpoint[] Endpoints = [Draft, Submit, Accept, Return, Exception, Publish, Population, TemplateVersion];

    /// <summary>The enterprise's id where its submission's goes.</summary>
    private static readonly Dictionary<string, string> WrongKind = new() { ["SUB"] = "ENT" };

    public static IEnumerable<CorpusCase> Cases() =>
        Endpoints.SelectMany(e => Generic(S, e, WrongKind)).Concat(Specific()).Concat(Accepted())
            .Concat(Paging(S, $"{Api}/obligations")).Concat(Paging(S, $"{Api}/obligations?status=overdue"));

    private static CorpusCase Case(WriteEndpoint e, string name, Func<ICorpusHost, Task<Probe>> build, int[]? statuses = null) =>
        new(S, e.Key, name, build, statuses ?? BadRequest);

    private static IEnumerable<CorpusCase> Specific()
    {
        yield return Case(Draft, "negative count", Field(Draft, "values.mobile-subscribers", -1));
        yield return Case(Draft, "a count with a fraction", Field(Draft, "values.mobile-subscribers", 100000.5m));
        yield return Case(Draft, "revenue with a fraction of a đồng", Field(Draft, "values.revenue-vnd", 9500000000.25m));
        yield return Case(Draft, "an indicator the template does not have", Field(Draft, "values.tv-channels", 12));
        yield return Case(Draft, "prepaid subscribers above all mobile subscribers", Field(Draft, "values.prepaid-subscribers", 100001));
        yield return Case(Draft, "a value of 1e30 (over decimal)", Json(Draft, b => Set(b, "values.mobile-subscribers", JsonNode.Parse("1e30"))));
        yield return Case(Draft, "values as a list", Field(Draft, "values", new JsonArray(100000, 90000)));

        yield return Case(Submit, "an indicator missing", Field(Submit, "values.operational-bts", Remove));
        yield return Case(Submit, "an indicator null", Field(Submit, "values.operational-bts", null));
        yield return Case(Submit, "signer missing", Field(Submit, "signerName", Remove));
        yield return Case(Submit, "signer title only spaces", Field(Submit, "signerTitle", "  "));
        yield return Case(Submit, "negative revenue", Field(Submit, "values.revenue-vnd", -9500000000m));

        yield return Case(Accept, "a report not yet submitted cannot be accepted", At(Accept, Accept.Path), [409]);
        yield return Case(Return, "reason missing", Raw(Return, "{}"));
        yield return Case(Return, "a report not yet submitted cannot be returned", At(Return, Return.Path), [409]);
        yield return Case(Exception, "until in the past", Field(Exception, "until", "2020-01-01"));
        yield return Case(Exception, "until 31 June", Field(Exception, "until", "2027-06-31"));
        yield return Case(Exception, "reason missing", Field(Exception, "reason", Remove));

        // Periods: 2026-10 (month), 2026-Q4 (quarter), 2026 (year), of the template's kind.
        string PublishAt(string period, string query = "") => $"{Api}/indicators/{period}/publication{query}";
        yield return Case(Publish, "period 2026-13", At(Publish, PublishAt("2026-13")));
        yield return Case(Publish, "period 2026-00", At(Publish, PublishAt("2026-00")));
        yield return Case(Publish, "period 2026-Q5", At(Publish, PublishAt("2026-Q5", "?template=postal-quarterly")));
        yield return Case(Publish, "period 26-10", At(Publish, PublishAt("26-10")));
        yield return Case(Publish, "period of words", At(Publish, PublishAt("thang-muoi")));
        yield return Case(Publish, "a quarter for the monthly template", At(Publish, PublishAt("2026-Q4")));
        yield return Case(Publish, "unknown template", At(Publish, PublishAt("{PERIOD}", "?template=tv-monthly")));
        yield return Case(Publish, "nothing accepted yet for the period", At(Publish, Publish.Path), [422]);
        yield return Case(Publish, "period 9999-12 (its next month is past the calendar)", At(Publish, PublishAt("9999-12")));
        yield return Case(Publish, "period 0000-Q1 (year zero)", At(Publish, PublishAt("0000-Q1", "?template=postal-quarterly")));

        yield return Case(TemplateVersion, "unknown field type", Field(TemplateVersion, "fields[0].type", "colour"));
        yield return Case(TemplateVersion, "effective from a month for an annual template", Field(TemplateVersion, "effectiveFrom", "2030-01"));
        yield return Case(TemplateVersion, "no fields", Json(TemplateVersion, b => b["fields"] = new JsonArray()));
        yield return Case(TemplateVersion, "unknown enterprise kind", Json(TemplateVersion, b => b["enterpriseKinds"] = new JsonArray("tv-station")));

        yield return Case(Population, "zero inhabitants", Field(Population, "inhabitants", 0));
        yield return Case(Population, "negative inhabitants", Field(Population, "inhabitants", -128000));
        yield return Case(Population, "inhabitants missing", Raw(Population, "{}"));
        yield return Case(Population, "inhabitants 9223372036854775808 (over long)", Json(Population, b => Set(b, "inhabitants", JsonNode.Parse("9223372036854775808"))));
        yield return Case(Population, "inhabitants 128000.5", Json(Population, b => Set(b, "inhabitants", JsonNode.Parse("128000.5"))));
        yield return Case(Population, "year 1999", At(Population, $"{Api}/population/1999/{{DISTRICT}}"));
        yield return Case(Population, "year 2101", At(Population, $"{Api}/population/2101/{{DISTRICT}}"));
        yield return Case(Population, "year not a number", At(Population, $"{Api}/population/nam-nay/{{DISTRICT}}"), NotFound);
        yield return Case(Population, "district of another province", At(Population, $"{Api}/population/{{YEAR}}/{Uri.EscapeDataString("Quận Hoàn Kiếm")}"));
        yield return Case(Population, "district with control characters", At(Population, $"{Api}/population/{{YEAR}}/Th%C3%A0nh%07ph%E1%BB%91%1B"));
        yield return Case(Population, $"district of {OverlongLength:N0} characters", At(Population, $"{Api}/population/{{YEAR}}/{new string('a', OverlongLength)}"));
    }

    /// <summary>Accepted, and stored clean: a district sent decomposed (NFD) is stored composed (NFC).</summary>
    private static IEnumerable<CorpusCase> Accepted()
    {
        // The version every refused case alters is itself valid: published as it stands.
        yield return new CorpusCase(S, TemplateVersion.Key, "accepted: the valid version is published", At(TemplateVersion, TemplateVersion.Path), [201], Appended: 1);
        yield return new CorpusCase(S, Population.Key, "accepted: a decomposed district is stored NFC",
            At(Population, $"{Api}/population/2025/{Uri.EscapeDataString("Huyện Bắc Hà".Normalize(NormalizationForm.FormD))}"),
            [200], Appended: 1, Verify: async (h, _) =>
            {
                await using var session = h.Store.QuerySession();
                var figure = await session.Query<PopulationEntry>().SingleOrDefaultAsync(f => f.Year == 2025 && f.Unit == "Huyện Bắc Hà");
                Assert.NotNull(figure);
                Assert.True(figure.Unit.IsNormalized(NormalizationForm.FormC));
                Assert.Equal(128000, figure.Inhabitants);
            });
    }
}
