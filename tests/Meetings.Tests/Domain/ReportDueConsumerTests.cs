using System.Reflection;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Reporting;
using Platform.Meetings.ComplianceLink;
using Xunit;

namespace Meetings.Tests.Domain;

/// <summary>What the report-due consumer decides from the message alone, before any session (issue 14: CPU per command).</summary>
public class ReportDueConsumerTests
{
    private static ReportSubmittedV1 Submitted(int version) =>
        new(Guid.NewGuid(), Guid.NewGuid(), version + 1, DateTimeOffset.UtcNow, Guid.NewGuid(), "telecom-monthly", "2026-10", version, Late: true);

    [Fact]
    public async Task A_correction_is_acknowledged_without_opening_a_session()
    {
        var consumer = new ReportDueConsumer(new CopyBatch<ReportDueConsumer>(new AuditedSessionFactory(Untouchable.Create<IDocumentStore>()), new ConfigurationBuilder().Build()));

        await consumer.Consume(Untouchable.Context(Submitted(version: 2))); // nothing asked of the store
        await consumer.Consume(Untouchable.Context(Submitted(version: 7)));
        Assert.Null(ReportDue.Apply(null, Submitted(version: 2))); // and indeed nothing to keep, whatever the copy holds

        // A first submission does go to the store: the skip is the message's version, not a consumer that writes nothing.
        await Assert.ThrowsAsync<Untouchable.TouchedException>(() => consumer.Consume(Untouchable.Context(Submitted(version: 1))));
    }

    /// <summary>Stand-ins whose every member throws, so a test sees whether a path reached them.</summary>
    public class Untouchable : DispatchProxy
    {
        public sealed class TouchedException(string member) : Exception($"{member} was called");

        public object? Message { get; private set; }

        public static T Create<T>() where T : class => DispatchProxy.Create<T, Untouchable>();

        /// <summary>A consume context that answers only its message and cancellation token.</summary>
        public static ConsumeContext<T> Context<T>(T message) where T : class
        {
            var context = DispatchProxy.Create<ConsumeContext<T>, Untouchable>();
            ((Untouchable)(object)context).Message = message;
            return context;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method?.Name switch
        {
            "get_Message" when Message is not null => Message,
            "get_CancellationToken" when Message is not null => CancellationToken.None,
            _ => throw new TouchedException(method?.Name ?? "?"),
        };
    }
}
