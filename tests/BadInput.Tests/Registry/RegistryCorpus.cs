using System.Text;
using System.Text.Json.Nodes;
using BadInput.Tests.Corpus;
using Marten;
using Platform.Registry.Enterprises;
using Xunit;
using static BadInput.Tests.Corpus.Corpus;

namespace BadInput.Tests.Registry;

public static class RegistryCorpus
{
    private const string S = "registry";

    public const string EnterpriseBody = """
        {"taxCode":"{TAXCODE}","legalName":"Công ty Cổ phần Viễn thông Hoàng Liên","shortName":"Hoàng Liên Telecom",
         "sectors":["telecom"],"kinds":["network-operator"],
         "headOffice":{"street":"Số 1 đường Hoàng Liên","commune":"Phường Cốc Lếu","district":"Thành phố Lào Cai"},
         "representative":{"name":"Nguyễn Văn An","title":"Giám đốc"},
         "contact":{"phone":"0214 3800 100","email":"lienhe@example.invalid"}}
        """;

    public const string LicenceBody = """
        {"number":"12/GP-STTTT","type":"telecom-services","issuingAuthority":"department","issuedOn":"2024-01-01","expiresOn":"2030-01-01"}
        """;

    private const string DetailsBody = """
        {"legalName":"Công ty Cổ phần Viễn thông Hoàng Liên","shortName":"Hoàng Liên Telecom","sectors":["telecom","it"],"kinds":["network-operator"],
         "headOffice":{"street":"Số 2 đường Hoàng Liên","commune":"Phường Cốc Lếu","district":"Thành phố Lào Cai"},
         "representative":{"name":"Nguyễn Văn An","title":"Giám đốc"},
         "contact":{"phone":"0214 3800 101","email":"lienhe@example.invalid"},"reason":"Đổi trụ sở"}
        """;

    public static readonly WriteEndpoint Register = new("POST", "/api/registry/enterprises", EnterpriseBody);
    public static readonly WriteEndpoint Amend = new("PUT", "/api/registry/enterprises/{E}/details", DetailsBody, IfMatch: true, StaleStatus: 412);
    public static readonly WriteEndpoint Suspend = new("POST", "/api/registry/enterprises/{E}/suspension", """{"reason":"Vi phạm quy định báo cáo"}""", IfMatch: true);
    public static readonly WriteEndpoint Reinstate = new("POST", "/api/registry/enterprises/{E}/reinstatement", """{"note":"Đã khắc phục"}""", IfMatch: true);
    public static readonly WriteEndpoint Cease = new("POST", "/api/registry/enterprises/{E}/cessation", """{"reason":"Giải thể theo quyết định của Hội đồng quản trị"}""", IfMatch: true);
    public static readonly WriteEndpoint Grant = new("POST", "/api/registry/enterprises/{E}/licences", LicenceBody.Replace("12/GP", "13/GP"), IfMatch: true);
    public static readonly WriteEndpoint Renew = new("POST", "/api/registry/enterprises/{E}/licences/{L}/renewal", """{"expiresOn":"2035-01-01"}""", IfMatch: true);
    public static readonly WriteEndpoint Revoke = new("POST", "/api/registry/enterprises/{E}/licences/{L}/revocation", """{"reason":"Vi phạm điều kiện giấy phép"}""", IfMatch: true);

    public static readonly WriteEndpoint[] Endpoints = [Register, Amend, Suspend, Reinstate, Cease, Grant, Renew, Revoke];

    /// <summary>An enterprise's id where a licence's goes, and the other way round.</summary>
    private static readonly Dictionary<string, string> WrongKind = new() { ["E"] = "L", ["L"] = "E" };

    public static IEnumerable<CorpusCase> Cases() =>
        Endpoints.SelectMany(e => Generic(S, e, WrongKind)).Concat(Specific()).Concat(Accepted());

    private static CorpusCase Case(WriteEndpoint e, string name, Func<ICorpusHost, Task<Probe>> build, params int[] statuses) =>
        new(S, e.Key, name, build, statuses.Length == 0 ? BadRequest : statuses);

    private static IEnumerable<CorpusCase> Specific()
    {
        // Tax codes: ten digits whose tenth is the check digit, optionally a branch suffix -001…-999.
        yield return Case(Register, "tax code with a wrong check digit", Field(Register, "taxCode", "0100109107"));
        yield return Case(Register, "tax code of nine digits", Field(Register, "taxCode", "010010910"));
        yield return Case(Register, "tax code of eleven digits", Field(Register, "taxCode", "01001091061"));
        yield return Case(Register, "tax code with a letter O for a zero", Field(Register, "taxCode", "01O0109106"));
        yield return Case(Register, "tax code in full-width digits", Field(Register, "taxCode", "０１００１０９１０６"));
        yield return Case(Register, "tax code with branch suffix -000", Field(Register, "taxCode", "0100109106-000"));
        yield return Case(Register, "tax code with a two-digit branch suffix", Field(Register, "taxCode", "0100109106-01"));
        yield return Case(Register, "tax code 0100000000 (its check digit is 3)", Field(Register, "taxCode", "0100000000"));
        yield return Case(Register, "tax code already registered", h => Field(Register, "taxCode", h.Values["TAXCODE_E"])(h), 409);
        yield return Case(Register, "tax code missing", Field(Register, "taxCode", Remove));
        yield return Case(Register, "legal name missing", Field(Register, "legalName", Remove));
        yield return Case(Register, "legal name only spaces and tabs", Field(Register, "legalName", " \t  "));
        yield return Case(Register, "legal name of 301 characters", Field(Register, "legalName", new string('a', 301)));
        yield return Case(Register, "no sectors", Field(Register, "sectors", new JsonArray()));
        yield return Case(Register, "unknown sector", Field(Register, "sectors", new JsonArray("banking")));
        yield return Case(Register, "unknown kind", Field(Register, "kinds", new JsonArray("bank")));
        yield return Case(Register, "sector given as a number", Field(Register, "sectors", new JsonArray(1)));
        yield return Case(Register, "head office null", Field(Register, "headOffice", null));
        yield return Case(Register, "e-mail without @", Field(Register, "contact.email", "lienhe.example.invalid"));
        yield return Case(Register, "phone with letters", Field(Register, "contact.phone", "gọi tôi"));

        yield return Case(Amend, "legal name of 301 characters", Field(Amend, "legalName", new string('b', 301)));
        yield return Case(Amend, "reason of 501 characters", Field(Amend, "reason", new string('c', 501)));
        yield return Case(Amend, "contact missing", Field(Amend, "contact", Remove));
        yield return Case(Amend, "the tax code cannot be amended (unknown field)", Field(Amend, "taxCode", "0100109106"));

        yield return Case(Suspend, "reason missing", Raw(Suspend, "{}"));
        yield return Case(Suspend, "reason only spaces", Field(Suspend, "reason", "   "));
        yield return Case(Suspend, "reason of 501 characters", Field(Suspend, "reason", new string('d', 501)));
        yield return Case(Cease, "reason missing", Raw(Cease, "{}"));
        yield return Case(Cease, "reason null", Field(Cease, "reason", null));
        yield return Case(Reinstate, "an active enterprise cannot be reinstated", Raw(Reinstate, "{}"), 409);

        // Dates are yyyy-MM-dd calendar days.
        yield return Case(Grant, "issued on 30 February", Field(Grant, "issuedOn", "2024-02-30"));
        yield return Case(Grant, "issued in month 13", Field(Grant, "issuedOn", "2024-13-01"));
        yield return Case(Grant, "issued on a day-first date", Field(Grant, "issuedOn", "01/02/2024"));
        yield return Case(Grant, "issued with a time of day", Field(Grant, "issuedOn", "2024-01-01T10:00:00"));
        yield return Case(Grant, "expiry before issue", Field(Grant, "expiresOn", "2023-12-31"));
        yield return Case(Grant, "expiry equal to issue", Field(Grant, "expiresOn", "2024-01-01"));
        yield return Case(Grant, "year zero", Field(Grant, "issuedOn", "0000-01-01"));
        yield return Case(Grant, "unknown licence type", Field(Grant, "type", "fishing"));
        yield return Case(Grant, "unknown issuing authority", Field(Grant, "issuingAuthority", "people's-committee"));
        yield return Case(Grant, "number missing", Field(Grant, "number", Remove));
        yield return Case(Grant, "the same licence number and type again", Field(Grant, "number", "12/GP-STTTT"), 409);

        yield return Case(Renew, "expiry missing", Raw(Renew, "{}"));
        yield return Case(Renew, "expiry on 29 February of a common year", Field(Renew, "expiresOn", "2031-02-29"));
        yield return Case(Renew, "expiry not later than the current one", Field(Renew, "expiresOn", "2029-01-01"), 422);
        yield return Case(Renew, "licence of another enterprise", async h =>
        {
            var other = await ((RegistryCorpusHost)h).RegisterAsync();
            return await At(Renew, $"/api/registry/enterprises/{other}/licences/{{L}}/renewal")(h);
        }, 404);
        yield return Case(Revoke, "reason missing", Raw(Revoke, "{}"));
    }

    /// <summary>Accepted, and stored clean: decomposed (NFD) Vietnamese is stored composed (NFC); tabs and
    /// line breaks in free text are accepted and folded into single spaces.</summary>
    private static IEnumerable<CorpusCase> Accepted()
    {
        const string legalName = "Công ty Cổ phần Bưu chính Viễn thông Mường Khương";
        yield return new CorpusCase(S, Register.Key, "accepted: names sent decomposed (NFD) are stored composed (NFC)",
            h => Fields(Register,
                ("taxCode", RegistryCorpusHost.NewTaxCode()),
                ("legalName", legalName.Normalize(NormalizationForm.FormD)),
                ("representative.name", "Lưu Thị Hường".Normalize(NormalizationForm.FormD)))(h),
            [201], Appended: 1, Verify: async (h, body) =>
            {
                await using var session = h.Store.QuerySession();
                var stored = (await session.LoadAsync<Enterprise>(body.GetProperty("id").GetGuid()))!;
                Assert.Equal(legalName, stored.Details.LegalName);
                Assert.True(stored.Details.LegalName.IsNormalized(NormalizationForm.FormC));
                Assert.Equal("Lưu Thị Hường", stored.Details.Representative.Name);
            });
        yield return new CorpusCase(S, Suspend.Key, "accepted: tab and line break in the reason",
            async h =>
            {
                var id = await ((RegistryCorpusHost)h).RegisterAsync();
                return await At(Suspend with { Body = """{"reason":"Vi phạm\tquy định\r\nbáo cáo"}""" }, $"/api/registry/enterprises/{id}/suspension")(h);
            },
            [200], Appended: 1, Verify: async (h, body) =>
            {
                await using var session = h.Store.QuerySession();
                var stored = (await session.LoadAsync<Enterprise>(body.GetProperty("id").GetGuid()))!;
                Assert.Equal("Vi phạm quy định báo cáo", stored.StatusReason);
            });
    }
}
