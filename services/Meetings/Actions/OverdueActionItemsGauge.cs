using Marten;
using Platform.BuildingBlocks.Hosting;

namespace Platform.Meetings.Actions;

public static class OverdueActionItemsGauge
{
    /// <summary>Open action items past their deadline (<see cref="ActionItem.IsOverdue"/>), whether or not the job has recorded it yet.</summary>
    public static readonly BusinessGauge Gauge = new("platform.action_items.overdue", "{action_item}",
        "Open action items whose deadline has passed", (session, today, ct) =>
            session.Query<ActionItem>().CountAsync(a => a.Status == ActionStatus.Open && a.Deadline < today, ct));
}
