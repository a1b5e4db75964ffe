using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Infrastructure;
using Platform.Contracts.Reporting;
using Platform.Meetings.ComplianceLink;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

/// <summary>Reporting's and Infrastructure's events, published to this service's RabbitMQ vhost as those services publish
/// them, become Meetings' copies in PostgreSQL and the agreement's compliance; redelivered events count once.</summary>
public class ComplianceLinkTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private IBus Bus => host.Services.GetRequiredService<IBus>();

    /// <summary>Last year's agreement: its year is over, so each rule gives its final Met or Missed whatever today is.</summary>
    private static readonly int Year = DateTime.UtcNow.Year - 1;

    private async Task<Guid> AgreementAsync(Guid[] enterprises, int year) => await IdOf(await _client.PostAsJsonAsync("/api/meetings/agreements", new
    {
        year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = enterprises,
        commitments = new[]
        {
            new { text = "Thực hiện đầy đủ chế độ báo cáo định kỳ", category = "reporting", party = "enterprises", cadence = "quarterly" },
            new { text = "Trả lời đề nghị dùng chung hạ tầng đúng hạn", category = "infrastructure-sharing", party = "both", cadence = "none" },
            new { text = "Công bố chỉ tiêu chất lượng dịch vụ", category = "service-quality", party = "enterprises", cadence = "quarterly" },
        },
    }));

    private async Task<JsonElement[]> ComplianceAsync(Guid agreement) =>
        (await (await _client.GetAsync($"/api/meetings/agreements/{agreement}")).Json()).GetProperty("compliance").EnumerateArray().ToArray();

    private static (string?, string?, int, int, int) Summary(JsonElement c) => (c.GetProperty("measure").GetString(), c.GetProperty("status").GetString(),
        c.GetProperty("expected").GetInt32(), c.GetProperty("dueSoFar").GetInt32(), c.GetProperty("actual").GetInt32());

    private static ReportingObligationOpenedV1 Opened(Guid enterprise, int month) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UtcNow, enterprise, "telecom-monthly", $"{Year}-{month:00}", new DateOnly(Year, month + 1, 10));

    private static ReportSubmittedV1 Submitted(ReportingObligationOpenedV1 o, int version, bool late) =>
        new(Guid.NewGuid(), o.SubmissionId, version + 1, DateTimeOffset.UtcNow, o.EnterpriseId, o.Template, o.Period, version, late);

    [Fact]
    public async Task Reports_of_the_parties_count_once_by_their_first_submission()
    {
        var (viettel, vnpt, outsider) = (await host.KnownEnterpriseAsync("Viettel"), await host.KnownEnterpriseAsync("VNPT"), Guid.NewGuid());
        var agreement = await AgreementAsync([viettel, vnpt], Year);
        var (onTime, late, missing, notParty) = (Opened(viettel, 1), Opened(vnpt, 2), Opened(vnpt, 3), Opened(outsider, 1));
        var firstOnTime = Submitted(onTime, 1, late: false);
        // The submission before its obligation (different streams' events are not ordered), a redelivery of each, and a late correction.
        await Bus.Publish(firstOnTime);
        foreach (var message in new object[] { onTime, late, missing, notParty, onTime, firstOnTime, Submitted(late, 1, late: true), Submitted(onTime, 2, late: true) })
            await Bus.Publish(message);

        var reporting = await Eventually.Until(async () => (await ComplianceAsync(agreement))[0], c => c.GetProperty("expected").GetInt32() == 3 && c.GetProperty("actual").GetInt32() == 1,
            what: "three reports of the parties, one on time");
        await Bus.Publish(Opened(vnpt, 4)); // a marker behind the redeliveries and the correction in the queue (messages without a stream id are taken in order)
        await Eventually.Until(async () => (await ComplianceAsync(agreement))[0], c => c.GetProperty("expected").GetInt32() == 4, what: "the marker");
        reporting = (await ComplianceAsync(agreement))[0];
        Assert.Equal(("reports-on-time", "missed", 4, 4, 1), Summary(reporting)); // the redeliveries counted nothing, the correction did not make the first report late
        Assert.Equal(25m, reporting.GetProperty("onTimePercent").GetDecimal());
        await using (var session = host.Store.QuerySession())
        {
            var copy = (await session.LoadAsync<ReportDue>(onTime.SubmissionId))!;
            Assert.Equal((viettel, new DateOnly(Year, 2, 10), false), (copy.EnterpriseId, copy.DueOn, copy.FirstSubmissionLate));
            Assert.Equal(5, await session.Query<ReportDue>().CountAsync()); // one copy per submission, the outsider's included
        }
        var quality = (await ComplianceAsync(agreement))[2];
        Assert.Equal(("not-tracked", "not-tracked"), (quality.GetProperty("measure").GetString(), quality.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Sharing_requests_to_the_parties_sites_count_once_by_the_owners_first_answer()
    {
        var (owner, requester) = (await host.KnownEnterpriseAsync("Vinaphone"), Guid.NewGuid());
        var year = Year - 1; // its own year (one agreement a year): this class's other test uses last year's
        var agreement = await AgreementAsync([owner], year);
        SharingRequestSubmittedV1 Request(int month, DateOnly? dueOn) =>
            new(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UtcNow, Guid.NewGuid(), owner, requester, new DateOnly(year, month, 1), dueOn);
        var (refused, offeredLate, unanswered, unknownDeadline) =
            (Request(1, new(year, 1, 31)), Request(3, new(year, 3, 31)), Request(12, new(year, 12, 31)), Request(5, null));
        var refusal = new SharingRefusedV1(Guid.NewGuid(), refused.RequestId, 2, DateTimeOffset.UtcNow, "no-capacity", new DateOnly(year, 1, 20));
        var lateOffer = new SharingOfferMadeV1(Guid.NewGuid(), offeredLate.RequestId, 2, DateTimeOffset.UtcNow, offeredLate.SiteId, owner, requester, 60, false,
            new DateOnly(year, 4, 2));
        await Bus.Publish(refusal); // the answer before the request it answers
        foreach (var message in new object[] { refused, offeredLate, lateOffer, unanswered, unknownDeadline, refusal, refused })
            await Bus.Publish(message);
        var marker = Request(6, new(year, 6, 30));
        await Bus.Publish(marker);

        await Eventually.Until(async () => (await ComplianceAsync(agreement))[1], c => c.GetProperty("expected").GetInt32() == 4, what: "four requests with a deadline");
        var sharing = (await ComplianceAsync(agreement))[1];
        // Only the refusal came by its deadline; the request without a deadline is not counted; the redeliveries counted nothing.
        Assert.Equal(("sharing-answers-in-time", "missed", 4, 4, 1), Summary(sharing));
        Assert.Equal(25m, sharing.GetProperty("onTimePercent").GetDecimal());
        await using var session = host.Store.QuerySession();
        var copies = (await session.LoadManyAsync<SharingAnswerDue>(refused.RequestId, offeredLate.RequestId, unanswered.RequestId, unknownDeadline.RequestId))
            .ToDictionary(c => c.Id);
        Assert.Equal((owner, new DateOnly(year, 1, 20), true), (copies[refused.RequestId].OwnerId, copies[refused.RequestId].AnsweredOn, copies[refused.RequestId].AsDueItem()!.DoneInTime));
        Assert.False(copies[offeredLate.RequestId].AsDueItem()!.DoneInTime);
        Assert.False(copies[unanswered.RequestId].AsDueItem()!.DoneInTime);
        Assert.Null(copies[unknownDeadline.RequestId].AsDueItem()); // published before deadlines were: not counted
        Assert.Equal(5, await session.Query<SharingAnswerDue>().CountAsync(r => r.OwnerId == owner)); // the redeliveries made no copies of their own
    }
}
