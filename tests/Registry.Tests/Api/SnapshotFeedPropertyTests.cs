using System.Net;
using System.Net.Http.Json;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>
/// The promise of <c>X-Feed-Position</c>: a snapshot taken at any moment, plus the change feed read from its position,
/// gives the directory as it finally is, even while other clients register, suspend, reinstate and cease enterprises.
/// A property over random schedules (seeded, so a failure can be replayed): each seed drives four concurrent writers with
/// its own mix and timing, the snapshot is taken while they write, and the result is compared field by field for the
/// enterprises the writers touched (other test classes write to the same directory at the same time).
/// </summary>
public class SnapshotFeedPropertyTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Theory]
    [InlineData(17)]
    [InlineData(4242)]
    [InlineData(90210)]
    public async Task Snapshot_plus_feed_from_its_position_equals_the_full_directory_under_concurrent_registrations(int seed)
    {
        var random = new Random(seed);
        var client = host.CreateClient();
        var plans = Enumerable.Range(0, 4).Select(_ => (Registrations: random.Next(3, 7), Seed: random.Next())).ToList();
        var snapshotAfterMs = random.Next(0, 300);
        var ours = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        async Task WriteAsync(int registrations, int writerSeed)
        {
            var r = new Random(writerSeed);
            for (var i = 0; i < registrations; i++)
            {
                var id = await host.RegisterAsync(client, TestData.Enterprise(legalName: $"Công ty thử {seed}-{writerSeed % 1000}-{i}", shortName: $"P{i}"));
                ours.Add(id);
                // Some enterprises then change status, so the feed after the snapshot holds changes of enterprises the snapshot has too.
                foreach (var step in r.Next(3) switch { 0 => [], 1 => new[] { "suspension" }, _ => ["suspension", "reinstatement", "cessation"] })
                {
                    await Task.Delay(r.Next(0, 40));
                    object body = step == "reinstatement" ? new { } : new { reason = "Kiểm tra thuộc tính" };
                    await (await client.PostAsJsonAsync($"/api/registry/enterprises/{id}/{step}", body)).ExpectAsync(HttpStatusCode.OK);
                }
            }
        }

        var writers = plans.Select(p => Task.Run(() => WriteAsync(p.Registrations, p.Seed))).ToList();
        await Task.Delay(snapshotAfterMs);
        var snapshot = await client.GetAsync("/api/registry/enterprises/export");
        var state = DirectoryFeed.Entries(await snapshot.ExpectAsync(HttpStatusCode.OK));
        var position = long.Parse(snapshot.Headers.GetValues("X-Feed-Position").Single());
        await Task.WhenAll(writers);

        var finalDirectory = await client.GetAsync("/api/registry/enterprises/export");
        var expected = DirectoryFeed.Entries(await finalDirectory.ExpectAsync(HttpStatusCode.OK));
        var finalPosition = long.Parse(finalDirectory.Headers.GetValues("X-Feed-Position").Single());

        // Follow the feed from the snapshot's position until it has served everything the final directory includes. The
        // feed serves up to the daemon's high-water mark, which may trail the last commits by a moment (the directory is
        // inline and already has them), and other test classes write to the same directory meanwhile; so the comparison
        // is of this test's enterprises, and the feed is followed until they reach their final state or the time is up.
        Dictionary<Guid, DirectoryFeed.Entry> Ours(Dictionary<Guid, DirectoryFeed.Entry> directory) =>
            ours.ToDictionary(id => id, id => directory.GetValueOrDefault(id) ?? new DirectoryFeed.Entry("missing", "", 0));
        var after = position;
        await Eventually.Until(async () => { after = await DirectoryFeed.ReadAsync(client, state, after, limit: 50); return after; },
            reached => reached >= finalPosition && Ours(state).OrderBy(e => e.Key).SequenceEqual(Ours(expected).OrderBy(e => e.Key)),
            TimeSpan.FromSeconds(30), "the feed reached the final directory's position and this test's enterprises' final state");

        Assert.Equal(plans.Sum(p => p.Registrations), ours.Count);
        Assert.Equal(Ours(expected).OrderBy(e => e.Key), Ours(state).OrderBy(e => e.Key));
    }
}
