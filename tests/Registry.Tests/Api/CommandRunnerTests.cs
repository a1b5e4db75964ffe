using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>The runner every write goes through (HTTP, jobs, consumers), against the Registry's real event store.</summary>
public class CommandRunnerTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    private Func<IDocumentSession> Sessions => host.Store.LightweightSession;

    private static CommandBody Suspend(Guid id, string reason) =>
        CommandRunner.On<Enterprise>(id, "none", e => ChangeEnterprise.Suspend(e, new SuspendEnterprise(reason)));

    [Fact]
    public async Task Events_for_two_streams_commit_together_each_on_its_own_stream()
    {
        var first = await host.RegisterAsync(_client);
        var second = await host.RegisterAsync(_client);
        var outcome = await CommandRunner.RunAsync(Sessions, async streams =>
        {
            var a = (await streams.LoadAsync<Enterprise>(first))!;
            var b = (await streams.LoadAsync<Enterprise>(second))!;
            return ChangeEnterprise.Suspend(a, new("Một")).And(ChangeEnterprise.Suspend(b, new("Hai")));
        }, CancellationToken.None, first);

        Assert.True(outcome.IsDone);
        Assert.Equal(2, outcome.Version);
        Assert.Equal(2, outcome.Appended);
        await using var query = host.Store.QuerySession();
        Assert.Equal("Một", (await query.Events.AggregateStreamAsync<Enterprise>(first))!.StatusReason);
        Assert.Equal("Hai", (await query.Events.AggregateStreamAsync<Enterprise>(second))!.StatusReason);
    }

    [Fact]
    public async Task A_decision_for_a_stream_it_did_not_load_is_a_programming_error_and_writes_nothing()
    {
        var id = await host.RegisterAsync(_client);
        var stranger = await host.RegisterAsync(_client);
        var before = await host.EventCountAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => CommandRunner.RunAsync(Sessions, async streams =>
        {
            var state = (await streams.LoadAsync<Enterprise>(id))!;
            return ChangeEnterprise.Suspend(state, new("x")).AndAppend(stranger, new EnterpriseCeased(stranger, "x"));
        }, CancellationToken.None, id));
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_writes_nothing()
    {
        var id = await host.RegisterAsync(_client);
        Assert.True((await CommandRunner.RunAsync(Sessions, Suspend(id, "Một"), CancellationToken.None, id)).IsDone);
        var before = await host.EventCountAsync();

        var stale = await CommandRunner.RunAsync(Sessions, Suspend(id, "Hai"), CancellationToken.None, id, expectedVersion: 1);
        Assert.True(stale.Conflict);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Without_an_expected_version_a_concurrent_writer_makes_the_command_decide_again_on_the_new_state()
    {
        var id = await host.RegisterAsync(_client);
        var decided = new List<EnterpriseStatus>();
        var outcome = await CommandRunner.RunAsync(Sessions, async streams =>
        {
            var state = (await streams.LoadAsync<Enterprise>(id))!;
            decided.Add(state.Status);
            if (decided.Count == 1)
            {
                // Someone else suspends the enterprise between this command's read and its commit.
                Assert.True((await CommandRunner.RunAsync(Sessions, Suspend(id, "Trước"), CancellationToken.None, id)).IsDone);
            }
            return ChangeEnterprise.Cease(state, new("Giải thể"));
        }, CancellationToken.None, id, attempts: 3);

        Assert.True(outcome.IsDone);
        Assert.Equal([EnterpriseStatus.Active, EnterpriseStatus.Suspended], decided);
        Assert.Equal(3, outcome.Version);
    }

    [Fact]
    public async Task Authorization_runs_on_the_loaded_state_and_a_refusal_writes_nothing()
    {
        var id = await host.RegisterAsync(_client);
        var before = await host.EventCountAsync();
        var outcome = await CommandRunner.RunAsync(Sessions,
            CommandRunner.On<Enterprise>(id, "none", e => ChangeEnterprise.Suspend(e, new("x")), mayAct: e => e.Id != id), CancellationToken.None, id);
        Assert.Equal(RejectionKind.Forbidden, outcome.Rejection?.Kind);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task A_stream_is_loaded_once_per_command()
    {
        var id = await host.RegisterAsync(_client);
        Enterprise? first = null, second = null;
        await CommandRunner.RunAsync(Sessions, async streams =>
        {
            first = await streams.LoadAsync<Enterprise>(id);
            second = await streams.LoadAsync<Enterprise>(id);
            return Decision.Nothing;
        }, CancellationToken.None, id);
        Assert.Same(first, second);
    }
}
