using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Agreements;

public sealed record CommitmentInput(string? Text, string? Category, string? Party, string? Cadence);
public sealed record DraftAgreementRequest(int? Year, string? Title, Guid[]? EnterpriseIds, CommitmentInput[]? Commitments);

/// <summary>A commitment as drafted (the agreement gives each an id).</summary>
public sealed record CommitmentTerms(string Text, CommitmentCategory Category, CommitmentParty Party, Cadence Cadence);

public sealed record AgreementDraft(int Year, string Title, IReadOnlyList<Guid> EnterpriseIds, IReadOnlyList<CommitmentTerms> Commitments);

/// <summary>The Department drafts the year's cooperation agreement: parties (the Department and enterprises) and commitments.</summary>
public static class DraftAgreement
{
    public static Parsed<AgreementDraft> Parse(DraftAgreementRequest r)
    {
        var errors = new FieldErrors();
        var title = errors.Text(r.Title, "title", 500);
        errors.When(r.Year is null or < 2000 or > 2100, "year", "must be a year between 2000 and 2100")
            .When(r.EnterpriseIds is null || r.EnterpriseIds.Length == 0, "enterpriseIds", "at least one enterprise is required")
            .When(r.EnterpriseIds is { } ids && ids.Distinct().Count() != ids.Length, "enterpriseIds", "must not repeat an enterprise")
            .When(r.Commitments is null || r.Commitments.Length == 0, "commitments", "at least one commitment is required");
        var commitments = (r.Commitments ?? []).Select((c, i) => new CommitmentTerms(errors.Text(c?.Text, $"commitments[{i}].text", 2000),
            errors.Code<CommitmentCategory>(c?.Category, $"commitments[{i}].category"), errors.Code<CommitmentParty>(c?.Party, $"commitments[{i}].party"),
            errors.Code<Cadence>(c?.Cadence ?? "none", $"commitments[{i}].cadence"))).ToList();
        return Parsed<AgreementDraft>.Unless(errors, () => new AgreementDraft(r.Year!.Value, title, r.EnterpriseIds!, commitments));
    }

    public static Decision Decide(AgreementDraft c, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, bool yearTaken, Func<Guid> newId)
    {
        if (yearTaken) return Rejection.Conflict("agreement-exists-for-year", $"A cooperation agreement for {c.Year} already exists.");
        foreach (var enterpriseId in c.EnterpriseIds)
            if (KnownEnterprise.RequireActive(known.GetValueOrDefault(enterpriseId), enterpriseId, "enterpriseIds") is { } inactive) return inactive;

        List<AgreementParty> parties = [new(null, CooperationAgreement.DepartmentName), .. c.EnterpriseIds.Select(e => new AgreementParty(e, known[e].ShortName))];
        var commitments = c.Commitments.Select(t => new Commitment(newId(), t.Text, t.Category, t.Party, t.Cadence)).ToList();
        return Decision.Start<CooperationAgreement>(id, new AgreementDrafted(id, c.Year, c.Title, parties, commitments, null));
    }

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/", DraftAsync).WithSummary("Draft the year's cooperation agreement: parties (the Department and enterprises) and commitments.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> DraftAsync(DraftAgreementRequest body, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/agreements/{id}", Parse(body), async (command, streams) =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            var known = (await session.LoadManyAsync<KnownEnterprise>(ct, command.EnterpriseIds.ToArray())).ToDictionary(k => k.Id);
            var yearTaken = await session.Query<CooperationAgreement>().AnyAsync(a => a.Year == command.Year, ct);
            return Decide(command, id, known, yearTaken, Guid.CreateVersion7);
        });
    }
}
