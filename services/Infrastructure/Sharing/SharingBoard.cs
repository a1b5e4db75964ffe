using Platform.Contracts.Api;
using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Confidentiality;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record SharingRequestDetail(SharingRequestView Request, IReadOnlyList<TimelineEntry> History);

public sealed record SharingRequestView(
    Guid Id, Guid SiteId, string SiteKind, string District, Guid OwnerId, string OwnerName, Guid RequesterId, string RequesterName,
    string Purpose, string Status, DateOnly SubmittedOn, int AgeDays, bool Overdue, SharingOffer? Offer, string? RefusalReason,
    string? RefusalExplanation, Guid? DisputeRaisedBy, string? DisputeGrounds, string? MediationOutcome, string? MediationDecision,
    bool PartyNotActive, long Version);

/// <summary>What the Department watches: open and overdue requests with their age, disputes, flagged offers.</summary>
public static class SharingBoard
{
    public static void Map(RouteGroupBuilder requests, IEndpointRouteBuilder api)
    {
        requests.MapGet("/", async (IQuerySession session, IDocumentStore store, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http, CancellationToken ct,
                string? status = null, bool openOnly = false, bool overdueOnly = false, bool flaggedOnly = false, Guid? enterpriseId = null, string? format = null,
                int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                // A representative sees the requests its enterprise is party to, whatever it asks for.
                if (http.User.RepresentedEnterprise() is { } own) enterpriseId = own;
                var form = TableExport.Choose(http.Request, format);
                var errors = new FieldErrors().Check(page, pageSize)
                    .When(status is not null && !Codes.TryParse<SharingStatus>(status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<SharingStatus>())}")
                    .When(form is null, "format", "must be json, csv or xlsx");
                if (errors.Any) return Problems.From(errors.ToRejection());
                var query = session.Query<SharingRequest>().AsQueryable();
                if (Codes.TryParse<SharingStatus>(status, out var s)) query = query.Where(r => r.Status == s);
                if (openOnly || overdueOnly) query = query.Where(r => r.Status == SharingStatus.Submitted || r.Status == SharingStatus.Offered || r.Status == SharingStatus.Disputed);
                if (flaggedOnly) query = query.Where(r => r.Offer != null && r.Offer.FeeFlagged);
                if (enterpriseId is { } e) query = query.Where(r => r.OwnerId == e || r.RequesterId == e);
                var views = await ViewsAsync(session, await query.OrderBy(r => r.SubmittedOn).ToListAsync(ct), clock, options.Value, ct);
                // Each row carries the offer's fee and technical conditions: logged like a request's detail.
                var rows = overdueOnly ? views.Where(v => v.Overdue).ToList() : views;
                if (form != TableFormat.Json)
                {
                    await RestrictedReads.RecordAsync(store, http, $"sharing request {Codes.Of(form!.Value)} export of {rows.Count} (terms)");
                    return TableExport.File(http.Request, form!.Value, "yeu-cau-dung-chung", Table.Of("Yêu cầu dùng chung", Columns, rows));
                }
                // Overdue is decided on today's date, so the page is cut from the rows here.
                var shown = Pages.Of(rows, page, pageSize);
                await RestrictedReads.RecordAsync(store, http, $"sharing request list of {views.Count}, page {page}: {shown.Items.Count} (terms)");
                return Results.Ok(shown);
            })
            .Produces<PageOf<SharingRequestView>>()
            .ProducesTables()
            .ProducesValidationProblem()
            .WithSummary("Sharing requests, oldest first, with age and overdue flag, paged (page, pageSize up to 200); filters: status, openOnly, overdueOnly, flaggedOnly (equal treatment), enterpriseId. The read is logged (the rows carry the terms). As CSV or XLSX (format=csv|xlsx or Accept) with the same filters, rules and logging, every matching request; Vietnamese headers (English with Accept-Language: en).")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        requests.MapGet("/{id:guid}", async (Guid id, IQuerySession session, IDocumentStore store, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<SharingRequest>(id, ct) is not { } request) return Problems.From(Rejection.NotFound(SharingRules.NotFound(id)));
                if (!http.User.MayReadFor(request.OwnerId) && !http.User.MayReadFor(request.RequesterId)) return Results.Forbid();
                await RestrictedReads.RecordAsync(store, http, "sharing request detail (terms)", siteId: request.SiteId, requestId: id);
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                StreamVersion.SetETag(http.Response, request.Version);
                return Results.Ok(new SharingRequestDetail((await ViewsAsync(session, [request], clock, options.Value, ct)).Single(), Timeline.Of(events)));
            })
            .Produces<SharingRequestDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One request with its full timeline; the ETag is its stream version. The read is logged (terms are restricted to the Department and the two parties).")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        api.MapGet("/disputes", async (IQuerySession session, IDocumentStore store, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http,
                int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                if (new FieldErrors().Check(page, pageSize) is { Any: true } errors) return Problems.From(errors.ToRejection());
                var ct = http.RequestAborted;
                var disputed = await Pages.OfAsync(session.Query<SharingRequest>()
                    .Where(r => r.Status == SharingStatus.Disputed || r.Outcome != null).OrderBy(r => r.SubmittedOn).ThenBy(r => r.Id), page, pageSize, ct);
                await RestrictedReads.RecordAsync(store, http, $"disputes list of {disputed.Total}, page {page}: {disputed.Items.Count} (grounds, terms)");
                return Results.Ok(new PageOf<SharingRequestView>(await ViewsAsync(session, disputed.Items, clock, options.Value, ct), disputed.Total, page, pageSize));
            })
            .Produces<PageOf<SharingRequestView>>()
            .ProducesValidationProblem()
            .WithTags("Sharing requests")
            .WithSummary("Disputes: awaiting mediation, and those decided, oldest request first, paged (page, pageSize up to 200). The read is logged.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    /// <summary>A request's columns in a download, the offer's fee (VND) and technical conditions included.</summary>
    public static readonly IReadOnlyList<Column<SharingRequestView>> Columns =
    [
        new("Ngày đề nghị", "Submitted on", r => r.SubmittedOn),
        new("Doanh nghiệp đề nghị", "Requester", r => r.RequesterName),
        new("Doanh nghiệp sở hữu", "Owner", r => r.OwnerName),
        new("Loại công trình", "Site kind", r => r.SiteKind),
        new("Huyện", "District", r => r.District),
        new("Mục đích", "Purpose", r => r.Purpose),
        new("Trạng thái", "Status", r => r.Status),
        new("Số ngày", "Age (days)", r => r.AgeDays),
        new("Quá hạn trả lời", "Overdue", r => r.Overdue),
        new("Giá thuê hằng tháng", "Monthly fee (VND)", r => r.Offer is { } o ? new Vnd(o.MonthlyFeeVnd) : null),
        new("Thời hạn (tháng)", "Term (months)", r => r.Offer?.TermMonths),
        new("Điều kiện kỹ thuật", "Technical conditions", r => r.Offer?.TechnicalConditions),
        new("Giá lệch so với mặt bằng (%)", "Fee deviation (%)", r => r.Offer?.FeeDeviationPercent),
        new("Lý do từ chối", "Refusal reason", r => r.RefusalReason),
        new("Kết quả hòa giải", "Mediation outcome", r => r.MediationOutcome),
        new("Mã công trình", "Site id", r => r.SiteId.ToString()),
        new("Mã định danh", "Id", r => r.Id.ToString()),
    ];

    private static async Task<List<SharingRequestView>> ViewsAsync(IQuerySession session, IReadOnlyList<SharingRequest> requests, TimeProvider clock, InfrastructureOptions options, CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        var parties = await SiteRegister.OwnersAsync(session, requests.SelectMany(r => new[] { r.OwnerId, r.RequesterId }), ct);
        string Name(Guid id) => parties.GetValueOrDefault(id)?.ShortName ?? "";
        bool Inactive(Guid id) => parties.GetValueOrDefault(id) is { IsActive: false };
        return requests.Select(r => new SharingRequestView(r.Id, r.SiteId, Codes.Of(r.SiteKind), r.District, r.OwnerId, Name(r.OwnerId), r.RequesterId,
            Name(r.RequesterId), r.Purpose, Codes.Of(r.Status), r.SubmittedOn, today.DayNumber - r.SubmittedOn.DayNumber, r.IsOverdue(today, options.OwnerAnswerDays),
            r.Offer, r.RefusalReason is { } reason ? Codes.Of(reason) : null, r.RefusalExplanation, r.DisputeRaisedBy, r.DisputeGrounds,
            r.Outcome is { } o ? Codes.Of(o) : null, r.MediationDecision, r.IsOpen && (Inactive(r.OwnerId) || Inactive(r.RequesterId)), r.Version)).ToList();
    }
}
