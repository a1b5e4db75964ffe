using System.Security.Claims;
using Marten;
using Platform.Contracts.Api;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.ComplianceLink;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Agreements;

public sealed record SignatureRow(Guid? EnterpriseId, string Party, bool Signed, string? SignedBy, DateOnly? SignedOn);

public sealed record AgreementView(
    Guid Id, int Year, string Title, string Status, DateOnly? InForceFrom, DateOnly ExpiresOn, Guid? RenewedFrom,
    IReadOnlyList<SignatureRow> Signatures, IReadOnlyList<RemovedParty> RemovedParties,
    IReadOnlyList<Commitment> Commitments, IReadOnlyList<CommitmentCompliance> Compliance, long Version);

/// <summary>The agreements as the Department and the parties read them.</summary>
public static class AgreementRegister
{
    public static void Map(RouteGroupBuilder agreements)
    {
        agreements.MapGet("/", async (IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct, int? year = null,
                int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                if (new FieldErrors().Check(page, pageSize) is { Any: true } errors) return Problems.From(errors.ToRejection());
                var query = session.Query<CooperationAgreement>().AsQueryable();
                if (year is { } y) query = query.Where(a => a.Year == y);
                IEnumerable<CooperationAgreement> list = await query.OrderByDescending(a => a.Year).ThenBy(a => a.Id).ToListAsync(ct);
                // A representative sees the agreements its enterprise is (or was) a party to.
                if (!http.User.ReadsEverything()) list = list.Where(a => MayRead(http.User, a));
                // The compliance of each agreement costs queries of its own: only the page's agreements are worked out.
                var chosen = Pages.Of(list.ToList(), page, pageSize);
                var today = DepartmentClock.Today(clock);
                var views = new List<AgreementView>();
                foreach (var a in chosen.Items) views.Add(await ViewAsync(session, a, today, ct));
                return Results.Ok(new PageOf<AgreementView>(views, chosen.Total, page, pageSize));
            })
            .WithSummary("Agreements, newest year first, each with its signature matrix and commitment compliance, paged (page, pageSize up to 200). A representative sees those its enterprise is a party to.")
            .Produces<PageOf<AgreementView>>()
            .ProducesValidationProblem()
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
        agreements.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                if (await session.LoadAsync<CooperationAgreement>(id, http.RequestAborted) is not { } a) return Problems.From(Rejection.NotFound(NotFound(id)));
                if (!MayRead(http.User, a)) return Results.Forbid();
                StreamVersion.SetETag(http.Response, a.Version);
                return Results.Ok(await ViewAsync(session, a, DepartmentClock.Today(clock), http.RequestAborted));
            })
            .WithSummary("One agreement: signature matrix, parties removed (with reason), commitments and their compliance (briefings held, reports on time, sharing requests answered in time; service-quality and other commitments are not tracked); the ETag is its version.")
            .Produces<AgreementView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
    }

    /// <summary>Department staff and auditors read every agreement; a representative only one its enterprise is (or was) a party to.</summary>
    internal static bool MayRead(ClaimsPrincipal user, CooperationAgreement a) =>
        user.ReadsEverything() || user.RepresentedEnterprise() is { } own && a.Involves(own);

    public static async Task<AgreementView> ViewAsync(IQuerySession session, CooperationAgreement a, DateOnly today, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(a.Year, 1, 1), new DateOnly(a.Year, 12, 31));
        var briefings = await session.Query<Meeting>()
            .Where(m => m.Date >= from && m.Date <= to && (m.Status == MeetingStatus.Held || m.Status == MeetingStatus.MinutesPublished))
            .ToListAsync(ct);
        var held = briefings.Where(m => Compliance.BriefingKinds.Contains(m.Kind)).Select(m => m.Date).ToList();
        // The enterprise parties' reports and the sharing requests to their sites due in the year (copies of Reporting's and Infrastructure's events).
        var parties = a.Parties.Where(p => p.EnterpriseId is not null).Select(p => p.EnterpriseId).ToArray();
        var reports = parties.Length == 0 ? [] : await session.Query<ReportDue>()
            .Where(r => parties.Contains(r.EnterpriseId) && r.DueOn >= from && r.DueOn <= to).ToListAsync(ct);
        var requests = parties.Length == 0 ? [] : await session.Query<SharingAnswerDue>()
            .Where(r => parties.Contains(r.OwnerId) && r.AnswerDueOn >= from && r.AnswerDueOn <= to).ToListAsync(ct);
        var data = new ComplianceData(held, reports.Select(r => r.AsDueItem()).OfType<DueItem>().ToList(),
            requests.Select(r => r.AsDueItem()).OfType<DueItem>().ToList());
        var status = a.Status == AgreementStatus.Draft ? "draft" : a.IsExpired(today) ? "expired" : "in-force";
        return new AgreementView(a.Id, a.Year, a.Title, status, a.InForceFrom, a.ExpiresOn, a.RenewedFrom,
            a.Parties.Select(p => a.SignatureOf(p.EnterpriseId) is { } s
                ? new SignatureRow(p.EnterpriseId, p.Name, true, s.SignedBy, s.SignedOn)
                : new SignatureRow(p.EnterpriseId, p.Name, false, null, null)).ToList(),
            a.Removed, a.Commitments, a.Commitments.Select(c => Compliance.Check(c, a.Year, data, today)).ToList(), a.Version);
    }

    internal static string NotFound(Guid id) => $"No cooperation agreement with id {id}.";
}
