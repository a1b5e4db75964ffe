using Marten;
using Microsoft.Extensions.Options;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Platform.Contracts.Api;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.CivilWorks;

public sealed record CivilWorksPlanned(Guid WorksId, Guid OwnerId, string RouteOrArea, string District, WorksKind Kind, DateOnly PlannedStart, int DurationDays, DateOnly? PermitDate);
public sealed record CivilWorksInterestRegistered(Guid WorksId, Guid EnterpriseId, string? Note);

/// <summary>Works an enterprise plans (a trench, a duct), published ahead so others can lay cable in the
/// same trench instead of digging twice.</summary>
public sealed record PlannedWorks(Guid Id, Guid OwnerId, string RouteOrArea, string District, WorksKind Kind, DateOnly PlannedStart, int DurationDays,
    DateOnly? PermitDate, IReadOnlyList<Guid> Interested, long Version)
{
    public static PlannedWorks? When(PlannedWorks? state, object @event) => (state, @event) switch
    {
        (null, CivilWorksPlanned e) => new PlannedWorks(e.WorksId, e.OwnerId, e.RouteOrArea, e.District, e.Kind, e.PlannedStart, e.DurationDays, e.PermitDate, [], 0),
        (null, _) => null,
        (_, CivilWorksInterestRegistered e) => state with { Interested = [.. state.Interested, e.EnterpriseId] },
        _ => state,
    };
}

public sealed class PlannedWorksProjection : SingleStreamProjection<PlannedWorks, Guid>
{
    public override PlannedWorks? Evolve(PlannedWorks? snapshot, Guid id, IEvent e) =>
        PlannedWorks.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed record PlanWorksRequest(Guid? OwnerId, string? RouteOrArea, string? District, string? Kind, DateOnly? PlannedStart, int? DurationDays, DateOnly? PermitDate);
public sealed record InterestRequest(Guid? EnterpriseId, string? Note);

public sealed record WorksPlan(Guid OwnerId, string RouteOrArea, string District, WorksKind Kind, DateOnly PlannedStart, int DurationDays, DateOnly? PermitDate);
public sealed record WorksInterest(Guid EnterpriseId, string? Note);

/// <summary>Works as the province's register publishes them: the owner's and interested enterprises' names.</summary>
public sealed record PlannedWorksView(Guid Id, Guid OwnerId, string? Owner, string RouteOrArea, string District, string Kind, DateOnly PlannedStart,
    int DurationDays, DateOnly? PermitDate, IReadOnlyList<string> Interested, long Version);

public static class PlannedWorksCommands
{
    /// <summary>The start is checked against the Department's today: works are announced ahead, never after they began.
    /// <c>District</c> names the works' area: any unit of the province (a district before 1 July 2025, a commune of
    /// either generation, or the province), by code or name; stored with its official spelling.</summary>
    public static Parsed<WorksPlan> Parse(PlanWorksRequest r, DateOnly today, ProvinceGeography geography)
    {
        var errors = new FieldErrors();
        var area = geography.ResolveAny(r.District, null, "district");
        var route = errors.Text(r.RouteOrArea, "routeOrArea", 500);
        errors.When(r.OwnerId is null, "ownerId", "is required")
            .When(r.PlannedStart is null, "plannedStart", "is required (yyyy-MM-dd)")
            .When(r.PlannedStart < today, "plannedStart", "cannot be in the past")
            .When(r.DurationDays is not (>= 1 and <= 3650), "durationDays", "must be between 1 and 3650")
            .Add(area);
        var kind = errors.Code<WorksKind>(r.Kind, "kind");
        return Parsed<WorksPlan>.Unless(errors, () => new WorksPlan(r.OwnerId!.Value, route, area.Unit!.Name, kind,
            r.PlannedStart!.Value, r.DurationDays!.Value, r.PermitDate));
    }

    public static Parsed<WorksInterest> Parse(InterestRequest r)
    {
        var errors = new FieldErrors().When(r.EnterpriseId is null, "enterpriseId", "is required");
        var note = errors.OptionalText(r.Note, "note", 1000);
        return Parsed<WorksInterest>.Unless(errors, () => new WorksInterest(r.EnterpriseId!.Value, note));
    }

    public static Decision Plan(WorksPlan c, Guid id, KnownEnterprise? owner)
    {
        if (KnownEnterprise.RequireActive(owner, c.OwnerId, "ownerId") is { } inactive) return inactive;
        return Decision.Start<PlannedWorks>(id, new CivilWorksPlanned(id, owner!.Id, c.RouteOrArea, c.District, c.Kind, c.PlannedStart, c.DurationDays, c.PermitDate));
    }

    public static Decision RegisterInterest(PlannedWorks works, WorksInterest c, KnownEnterprise? enterprise, DateOnly today)
    {
        if (KnownEnterprise.RequireActive(enterprise, c.EnterpriseId, "enterpriseId") is { } inactive) return inactive;
        if (enterprise!.Id == works.OwnerId) return Rejection.Unprocessable("own-works", "The owner of the works cannot join its own works.");
        if (works.Interested.Contains(enterprise.Id)) return Rejection.Conflict("already-interested", $"{enterprise.ShortName} has already registered interest.");
        if (works.PlannedStart <= today) return Rejection.Conflict("works-started", "The works have started; interest can no longer be registered.");
        return Decision.Append(works.Id, new CivilWorksInterestRegistered(works.Id, enterprise.Id, c.Note));
    }

    public static void Map(RouteGroupBuilder works)
    {
        works.MapPost("/", async (PlanWorksRequest body, TimeProvider clock, ProvinceGeography geography, HttpContext http) =>
            {
                if (body.OwnerId is { } claimed && !http.User.MayActFor(claimed)) return Started.Refused(Results.Forbid());
                var id = Guid.CreateVersion7();
                return await http.CreateAsync(id, $"/api/infrastructure/civil-works/{id}", Parse(body, DepartmentClock.Today(clock), geography), async (command, streams) =>
                    Plan(command, id, await streams.Query.LoadAsync<KnownEnterprise>(command.OwnerId, streams.Cancellation)));
            })
            .WithSummary("Announce planned civil works (route or area, kind, start, duration, permit date).")
            .Writes(PlatformPolicies.EnterpriseAct);

        works.MapGet("/", async (IQuerySession session, TimeProvider clock, IOptions<InfrastructureOptions> options, CancellationToken ct,
                int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                if (new FieldErrors().Check(page, pageSize) is { Any: true } errors) return Problems.From(errors.ToRejection());
                var today = DepartmentClock.Today(clock);
                var horizon = today.AddMonths(options.Value.CivilWorksHorizonMonths);
                var one = await Pages.OfAsync(session.Query<PlannedWorks>().Where(w => w.PlannedStart >= today && w.PlannedStart <= horizon)
                    .OrderBy(w => w.PlannedStart).ThenBy(w => w.Id), page, pageSize, ct);
                var upcoming = one.Items;
                var names = await SiteRegister.OwnersAsync(session, upcoming.SelectMany(w => w.Interested.Append(w.OwnerId)), ct);
                return Results.Ok(new PageOf<PlannedWorksView>(upcoming.Select(w => new PlannedWorksView(w.Id, w.OwnerId, names.GetValueOrDefault(w.OwnerId)?.ShortName, w.RouteOrArea, w.District,
                    Codes.Of(w.Kind), w.PlannedStart, w.DurationDays, w.PermitDate, w.Interested.Select(i => names.GetValueOrDefault(i)?.ShortName ?? i.ToString()).ToList(),
                    w.Version)).ToList(), one.Total, page, pageSize));
            })
            .Produces<PageOf<PlannedWorksView>>()
            .ProducesValidationProblem()
            .WithSummary("Works starting within the publication horizon (default six months), soonest first, paged (page, pageSize up to 200).")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        works.MapPost("/{id:guid}/interest", async (Guid id, InterestRequest body, TimeProvider clock, HttpContext http) =>
            {
                if (body.EnterpriseId is { } claimed && !http.User.MayActFor(claimed)) return Changed.Refused(Results.Forbid());
                return await http.RunAsync(id, CommandRunner.On<PlannedWorks, WorksInterest>(id, $"No planned works with id {id}.", Parse(body), async (w, command, streams) =>
                    RegisterInterest(w, command, await streams.Query.LoadAsync<KnownEnterprise>(command.EnterpriseId, streams.Cancellation), DepartmentClock.Today(clock))));
            })
            .WithSummary("Another enterprise registers interest in joining the works.")
            .Writes(PlatformPolicies.EnterpriseAct);
    }
}
