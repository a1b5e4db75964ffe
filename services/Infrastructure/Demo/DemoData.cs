using Platform.BuildingBlocks.EventStore;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Geography;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Demo;

/// <summary>
/// Demo sites for the network operators the Registry has announced (run the Registry's demo first):
/// two towers each in different districts, a cable route on the undergrounding roadmap, three towers
/// shared under concluded agreements, and one request in dispute. Made-up names and coordinates
/// inside Lào Cai. Loads once: does nothing when sites already exist.
/// </summary>
public static partial class DemoData
{
    private static readonly (string District, string Commune, double Lat, double Lon)[] Places =
    [
        ("Thành phố Lào Cai", "Phường Cốc Lếu", 22.4856, 103.9707), ("Thị xã Sa Pa", "Phường Sa Pa", 22.3364, 103.8438),
        ("Huyện Bát Xát", "Thị trấn Bát Xát", 22.5381, 103.8918), ("Huyện Bảo Thắng", "Thị trấn Phố Lu", 22.3170, 104.1895),
        ("Huyện Bắc Hà", "Thị trấn Bắc Hà", 22.5389, 104.2906), ("Huyện Văn Bàn", "Thị trấn Khánh Yên", 22.0950, 104.2480),
        ("Huyện Mường Khương", "Thị trấn Mường Khương", 22.7700, 104.1180), ("Huyện Bảo Yên", "Thị trấn Phố Ràng", 22.2370, 104.4700),
    ];

    /// <summary>The demo's requests are judged against the default answer period.</summary>
    private static readonly int AnswerDays = new InfrastructureOptions().OwnerAnswerDays;

    public static async Task<int> LoadAsync(IDocumentStore store, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        await using var session = SystemActor.Stamp(store.LightweightSession(), "job:seed-demo");
        if (await session.Query<Site>().AnyAsync(ct)) { LogSkipped(logger, "sites already exist"); return 0; }
        // The Registry's events may still be on their way; give them a little time.
        List<KnownEnterprise> operators = [];
        for (var attempt = 0; attempt < 60 && operators.Count == 0; attempt++)
        {
            operators = (await session.Query<KnownEnterprise>().ToListAsync(ct)).Where(k => k.IsActive && k.Kinds.Contains("network-operator")).OrderBy(k => k.ShortName).ToList();
            if (operators.Count == 0) await Task.Delay(500, ct);
        }
        if (operators.Count < 2) { LogSkipped(logger, "fewer than two network operators are known from the Registry"); return 0; }

        var today = DepartmentClock.Today(clock);
        // The demo's places are Lào Cai's (units before 1 July 2025, as the operators' old records have them).
        var geography = new ProvinceGeography(Country.Vietnam, ProvinceGeography.LaoCai);
        var province = SitePlacement.ProvinceBounds(geography, null);
        var towers = new List<Site>();
        foreach (var (op, i) in operators.Select((o, i) => (o, i)))
            for (var t = 0; t < 2; t++)
            {
                var place = Places[(i * 2 + t) % Places.Length];
                var request = new RegisterSiteRequest($"Trạm BTS {op.ShortName} {place.Commune} {t + 1}", t == 0 ? "greenfield-tower" : "rooftop-tower", op.Id,
                    place.District, place.Commune, place.Lat + 0.001 * i, place.Lon + 0.001 * t, $"Thôn {t + 1}, {place.Commune}", t == 0 ? 42m : 12m, 3, "in-plan", null);
                var site = Append<Site>(session, Guid.CreateVersion7(), null, Site.When,
                    RegisterSite.Decide(RegisterSite.Parse(request, geography, province).Command, Guid.CreateVersion7(), op, clock.GetUtcNow()));
                foreach (var step in new Func<Site, Decision>[]
                         {
                             s => SiteLifecycle.RequestPermit(s, new SiteStep(today.AddYears(-3))),
                             s => SiteLifecycle.ApprovePermit(s, new SiteStep(today.AddYears(-3).AddMonths(2))),
                             s => SiteLifecycle.StartOperation(s, new SiteStep(today.AddYears(-2))),
                         })
                    site = Append(session, site.Id, site, Site.When, step(site));
                towers.Add(site);
            }
        var route = new RegisterSiteRequest("Tuyến cáp treo Hoàng Liên", "aerial-cable-route", operators[0].Id, "Thành phố Lào Cai", "Phường Kim Tân",
            22.4900, 103.9650, "Đường Hoàng Liên", null, 4, "in-plan", today.Year + 1,
            Route: [[103.9650, 22.4900], [103.9668, 22.4885], [103.9690, 22.4868], [103.9707, 22.4856]]);
        Append<Site>(session, Guid.CreateVersion7(), null, Site.When, RegisterSite.Decide(RegisterSite.Parse(route, geography, province).Command, Guid.CreateVersion7(), operators[0], clock.GetUtcNow()));

        // Three shared towers: each of the next operators rents space on the previous one's greenfield tower.
        for (var i = 0; i < Math.Min(3, operators.Count - 1); i++)
        {
            var tower = towers[i * 2];
            var request = Append<SharingRequest>(session, Guid.NewGuid(), null, SharingRequest.When,
                SubmitSharing.Decide(new SharingAsked(tower.Id, operators[i + 1].Id, "Lắp đặt thiết bị 4G"), Guid.CreateVersion7(), tower, operators[i + 1], false, today.AddMonths(-6), clock.GetUtcNow(),
                    AnswerDays));
            request = Append(session, request.Id, request, SharingRequest.When,
                OwnerAnswer.MakeOffer(request, new SharingOfferTerms(4_500_000m + 250_000m * i, 60, "Lắp tối đa 3 anten ở độ cao 30–35 m"), [], 20m, today.AddMonths(-5)));
            var concluded = RequesterAnswer.Accept(request, tower, today.AddMonths(-5));
            Append(session, request.Id, request, SharingRequest.When, concluded);
            towers[i * 2] = Append(session, tower.Id, tower, Site.When, concluded);
        }

        // One dispute: the last operator's request refused for "technical" reasons, disputed by the requester.
        var disputed = towers[^2];
        var requester = operators[0];
        var open = Append<SharingRequest>(session, Guid.NewGuid(), null, SharingRequest.When,
            SubmitSharing.Decide(new SharingAsked(disputed.Id, requester.Id, "Dùng chung cột để phủ sóng xã vùng cao"), Guid.CreateVersion7(), disputed, requester, false, today.AddMonths(-2), clock.GetUtcNow(), AnswerDays));
        open = Append(session, open.Id, open, SharingRequest.When, OwnerAnswer.Refuse(open, new SharingRefusal(RefusalReason.Technical, null), today.AddMonths(-2).AddDays(10)));
        Append(session, open.Id, open, SharingRequest.When, SharingDisputes.RaiseDispute(open, new DisputeRaising(requester.Id, "Cột còn chỗ, lý do kỹ thuật chưa thuyết phục"), today.AddMonths(-1)));

        await session.SaveChangesAsync(ct);
        LogLoaded(logger, towers.Count + 1, operators.Count);
        return towers.Count + 1;
    }

    // Appends an accepted decision's events for one stream (starting it when state is null) and returns the new state.
    private static T Append<T>(IDocumentSession session, Guid id, T? state, Func<T?, object, T?> when, Decision decision) where T : class
    {
        if (decision.Rejection is { } r) throw new InvalidOperationException($"Demo data broke a rule: {r.Detail} {string.Join("; ", r.Errors?.SelectMany(e => e.Value) ?? [])}");
        var streamId = state is null ? decision.NewStreams.Keys.Single() : id;
        var events = decision.EventsFor(streamId).ToArray();
        if (state is null) session.Events.StartStream<T>(streamId, events);
        else session.Events.Append(streamId, events);
        return events.Aggregate(state, when)!;
    }

    [LoggerMessage(LogLevel.Information, "Demo data: registered {Sites} sites for {Operators} operators")]
    private static partial void LogLoaded(ILogger logger, int sites, int operators);

    [LoggerMessage(LogLevel.Information, "Demo data skipped: {Why}")]
    private static partial void LogSkipped(ILogger logger, string why);
}
