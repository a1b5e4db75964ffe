using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Agreements;

/// <summary>Next year's agreement drafted from this one: same commitments, the enterprises still active.</summary>
public static class RenewAgreement
{
    /// <summary>Drafts next year's agreement from this one: same title and commitments, the enterprises that are
    /// still active (the others are left out, with the reason kept on the new draft).</summary>
    public static Decision Decide(CooperationAgreement a, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, bool nextYearTaken, Func<Guid> newId)
    {
        if (a.Status != AgreementStatus.InForce) return Rejection.Conflict("agreement-not-in-force", "Only an agreement that came into force is renewed.");
        if (nextYearTaken) return Rejection.Conflict("agreement-exists-for-year", $"A cooperation agreement for {a.Year + 1} already exists.");
        var parties = a.Parties.Where(p => p.EnterpriseId is null || known.GetValueOrDefault(p.EnterpriseId.Value) is { IsActive: true })
            .Select(p => p.EnterpriseId is { } e ? p with { Name = known[e].ShortName } : p).ToList();
        if (parties.Count < 2) return Rejection.Unprocessable("no-active-enterprise", "None of the enterprises of this agreement is still active.");
        var drafted = new AgreementDrafted(id, a.Year + 1, a.Title.Replace(a.Year.ToString(), (a.Year + 1).ToString()), parties,
            a.Commitments.Select(c => c with { Id = newId() }).ToList(), a.Id);
        var leftOut = a.Parties.Where(p => p.EnterpriseId is { } e && parties.All(q => q.EnterpriseId != e))
            .Select(p => (object)new AgreementPartyRemoved(id, p.EnterpriseId!.Value, p.Name,
                known.GetValueOrDefault(p.EnterpriseId.Value) is { } k ? $"{k.Status}{(k.StatusReason is null ? "" : $": {k.StatusReason}")}" : "unknown to the Registry"));
        return Decision.Start<CooperationAgreement>(id, [drafted, .. leftOut]);
    }

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/{id:guid}/renewal", RenewAsync)
            .WithSummary("Draft next year's agreement from this one (same commitments, enterprises still active).")
            .Produces<StreamChanged>(StatusCodes.Status201Created)
            .Writes(PlatformPolicies.DepartmentWrite);

    /// <summary>The agreement renewed is only read; the new year's agreement is the stream written.</summary>
    private static Task<Started> RenewAsync(Guid id, HttpContext http)
    {
        var newId = Guid.CreateVersion7();
        return http.CreateAsync(newId, $"/api/meetings/agreements/{newId}", async streams =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            if (await session.LoadAsync<CooperationAgreement>(id, ct) is not { } a) return Rejection.NotFound(AgreementRegister.NotFound(id));
            var known = (await session.LoadManyAsync<KnownEnterprise>(ct, a.Parties.Select(p => p.EnterpriseId).OfType<Guid>().ToArray())).ToDictionary(k => k.Id);
            var nextYearTaken = await session.Query<CooperationAgreement>().AnyAsync(x => x.Year == a.Year + 1, ct);
            return Decide(a, newId, known, nextYearTaken, Guid.CreateVersion7);
        });
    }
}
