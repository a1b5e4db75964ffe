using Marten;
using Platform.BuildingBlocks.Hosting;

namespace Platform.Infrastructure.Sharing;

public static class OverdueSharingRequestsGauge
{
    /// <summary>Sharing requests the site owner has not answered within the allowed days (<see cref="SharingRequest.IsOverdue"/>).</summary>
    public static BusinessGauge Gauge(int answerDays) => new("platform.sharing_requests.overdue", "{sharing_request}",
        $"Sharing requests not answered by the site owner within {answerDays} days", (session, today, ct) =>
        {
            var lastOnTime = today.AddDays(-answerDays);
            return session.Query<SharingRequest>().CountAsync(r => r.Status == SharingStatus.Submitted && r.SubmittedOn < lastOnTime, ct);
        });
}
