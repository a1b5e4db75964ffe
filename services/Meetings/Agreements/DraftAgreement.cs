using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Agreements;

public sealed record CommitmentInput(string? Text, string? Category, string? Party, string? Cadence);
public sealed record DraftAgreementRequest(int? Year, string? Title, Guid[]? EnterpriseIds, CommitmentInput[]? Commitments);

/// <summary>The Department drafts the year's cooperation agreement: parties (the Department and enterprises) and commitments.</summary>
public static class DraftAgreement
{
    public static Decision Decide(DraftAgreementRequest r, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, bool yearTaken, Func<Guid> newId)
    {
        var errors = new FieldErrors().Require(r.Title, "title", 500)
            .When(r.Year is null or < 2000 or > 2100, "year", "must be a year between 2000 and 2100")
            .When(r.EnterpriseIds is null || r.EnterpriseIds.Length == 0, "enterpriseIds", "at least one enterprise is required")
            .When(r.EnterpriseIds is { } ids && ids.Distinct().Count() != ids.Length, "enterpriseIds", "must not repeat an enterprise")
            .When(r.Commitments is null || r.Commitments.Length == 0, "commitments", "at least one commitment is required");
        var commitments = new List<Commitment>();
        foreach (var (c, i) in (r.Commitments ?? []).Select((c, i) => (c, i)))
        {
            errors.Require(c?.Text, $"commitments[{i}].text", 2000);
            var ok = Parse<CommitmentCategory>(c?.Category, $"commitments[{i}].category", errors, out var category)
                   & Parse<CommitmentParty>(c?.Party, $"commitments[{i}].party", errors, out var party)
                   & Parse(c?.Cadence ?? "none", $"commitments[{i}].cadence", errors, out Cadence cadence);
            if (ok && !string.IsNullOrWhiteSpace(c!.Text)) commitments.Add(new Commitment(newId(), VietnameseText.Clean(c.Text), category, party, cadence));
        }
        if (errors.Any) return errors.ToRejection();
        if (yearTaken) return Rejection.Conflict("agreement-exists-for-year", $"A cooperation agreement for {r.Year} already exists.");
        foreach (var enterpriseId in r.EnterpriseIds!)
            if (KnownEnterprise.RequireActive(known.GetValueOrDefault(enterpriseId), enterpriseId, "enterpriseIds") is { } inactive) return inactive;

        List<AgreementParty> parties = [new(null, CooperationAgreement.DepartmentName), .. r.EnterpriseIds.Select(e => new AgreementParty(e, known[e].ShortName))];
        return Decision.Start<CooperationAgreement>(id, new AgreementDrafted(id, r.Year!.Value, VietnameseText.Clean(r.Title), parties, commitments, null));
    }

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/", DraftAsync).WithSummary("Draft the year's cooperation agreement: parties (the Department and enterprises) and commitments.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> DraftAsync(DraftAgreementRequest body, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/agreements/{id}", async streams =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            var known = (await session.LoadManyAsync<KnownEnterprise>(ct, (body.EnterpriseIds ?? []).Distinct().ToArray())).ToDictionary(k => k.Id);
            var yearTaken = body.Year is { } y && await session.Query<CooperationAgreement>().AnyAsync(a => a.Year == y, ct);
            return Decide(body, id, known, yearTaken, Guid.CreateVersion7);
        });
    }

    private static bool Parse<T>(string? code, string field, FieldErrors errors, out T value) where T : struct, Enum
    {
        if (Codes.TryParse(code, out value)) return true;
        errors.Add(field, $"must be one of: {string.Join(", ", Codes.All<T>())}");
        return false;
    }
}
