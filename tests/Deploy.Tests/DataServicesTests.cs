using System.Text.RegularExpressions;
using Xunit;

namespace Deploy.Tests;

/// <summary>PostgreSQL (CloudNativePG) and RabbitMQ (cluster and messaging topology operators).</summary>
public sealed class DataServicesTests
{
    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void Postgres_is_one_cnpg_cluster_with_a_database_and_login_role_per_service(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var cluster = Assert.Single(overlay.OfKind("Cluster"));
        Assert.Equal("postgresql.cnpg.io/v1", cluster.ApiVersion);
        var roles = cluster["spec"]["managed"]["roles"].Items;

        foreach (var service in Platform.Services)
        {
            var database = overlay.OfKind("Database").SingleOrDefault(d => d["spec"]["name"].Text == $"{service}db");
            Assert.True(database is not null, $"{overlay}: no CNPG Database {service}db");
            Assert.Equal("postgresql.cnpg.io/v1", database.ApiVersion);
            Assert.Equal(cluster.Name, database["spec"]["cluster"]["name"].Text);
            Assert.NotEqual("absent", database["spec"]["ensure"].Text);

            var owner = database["spec"]["owner"].Text;
            var role = roles.SingleOrDefault(r => r["name"].Text == owner);
            Assert.True(role is not null, $"{database}: owner {owner ?? "unset"} is not a managed role of {cluster}");
            Assert.True(role["login"].Bool == true, $"{role.Path}: cannot log in");
            Assert.True(role["superuser"].Bool != true, $"{role.Path}: is a superuser");
            Assert.True(role["passwordSecret"]["name"].Text is { Length: > 0 }, $"{role.Path}: no passwordSecret");
        }
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void No_transaction_mode_pooler_sits_in_front_of_postgres(string overlayName)
    {
        // The Marten async daemon holds a session-level advisory lock while it leads (HotCold).
        var overlay = Kustomize.Render(overlayName);
        foreach (var pooler in overlay.OfKind("Pooler"))
            Assert.True(pooler["spec"]["pgbouncer"]["poolMode"].Text == "session", $"{overlay} {pooler}: not in session mode");
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void Rabbitmq_is_one_operator_cluster_and_every_topology_object_refers_to_it(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var cluster = Assert.Single(overlay.OfKind("RabbitmqCluster"));
        Assert.Equal("rabbitmq.com/v1beta1", cluster.ApiVersion);

        var topology = overlay.Objects.Where(o => o.ApiVersion == "rabbitmq.com/v1beta1" && o.Kind != "RabbitmqCluster").ToList();
        Assert.NotEmpty(topology);
        foreach (var o in topology)
            Assert.True(o["spec"]["rabbitmqClusterReference"]["name"].Text == cluster.Name,
                $"{overlay} {o}: rabbitmqClusterReference is not {cluster.Name}");

        // The services' own user, with permissions in the vhost (not the operator's admin account).
        var vhost = QuorumVhost(overlay);
        var user = Assert.Single(overlay.OfKind("User"));
        Assert.True(user["spec"]["importCredentialsSecret"]["name"].Text is { Length: > 0 }, $"{user}: credentials not imported from a Secret");
        Assert.Empty(user["spec"]["tags"].Items);
        Assert.Contains(overlay.OfKind("Permission"),
            p => p["spec"]["userReference"]["name"].Text == user.Name && p["spec"]["vhost"].Text == vhost);
    }

    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void Queues_are_quorum_queues_with_a_dead_letter_exchange(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var vhost = QuorumVhost(overlay);
        var policies = overlay.OfKind("Policy").Where(p => p["spec"]["vhost"].Text == vhost).ToList();

        // The policy for the services' queues: every quorum queue of the vhost, with a dead-letter exchange.
        var policy = policies.SingleOrDefault(p => p["spec"]["pattern"].Text == ".*");
        Assert.True(policy is not null, $"{overlay}: no Policy matching every queue of vhost {vhost}");
        Assert.Equal("quorum_queues", policy["spec"]["applyTo"].Text);
        var dlx = policy["spec"]["definition"]["dead-letter-exchange"].Text;
        Assert.True(dlx is { Length: > 0 }, $"{policy}: no dead-letter-exchange");
        Assert.True(policy["spec"]["definition"]["delivery-limit"].Int > 0, $"{policy}: no delivery-limit for poison messages");

        // The exchange exists, and a quorum queue is bound to it.
        Assert.Contains(overlay.OfKind("Exchange"), e => e["spec"]["name"].Text == dlx && e["spec"]["vhost"].Text == vhost && e["spec"]["durable"].Bool == true);
        var binding = overlay.OfKind("Binding").SingleOrDefault(b => b["spec"]["source"].Text == dlx && b["spec"]["vhost"].Text == vhost);
        Assert.True(binding is not null, $"{overlay}: nothing bound to the dead-letter exchange {dlx}");
        Assert.Equal("queue", binding["spec"]["destinationType"].Text);
        var deadLetters = binding["spec"]["destination"].Text;
        Assert.Contains(overlay.OfKind("Queue"),
            q => q["spec"]["name"].Text == deadLetters && q["spec"]["vhost"].Text == vhost && q["spec"]["type"].Text == "quorum" && q["spec"]["durable"].Bool == true);

        // Only the highest-priority matching policy applies: the dead-letter queue's must not dead-letter again.
        var effective = policies
            .Where(p => p["spec"]["applyTo"].Text is "quorum_queues" or "queues" or "all" or null)
            .Where(p => Regex.IsMatch(deadLetters!, p["spec"]["pattern"].Text ?? "$^"))
            .MaxBy(p => p["spec"]["priority"].Int ?? 0);
        Assert.True(effective is not null && !effective["spec"]["definition"]["dead-letter-exchange"].Exists,
            $"{overlay}: the dead-letter queue {deadLetters} would dead-letter into {dlx} again");
    }

    /// <summary>The vhost the services use, whose default queue type makes their queues quorum queues.</summary>
    private static string QuorumVhost(Overlay overlay)
    {
        // A policy cannot set a queue's type (RabbitMQ fixes it at declaration); the vhost's default does.
        var vhost = overlay.OfKind("Vhost").SingleOrDefault(v => v["spec"]["defaultQueueType"].Text == "quorum");
        Assert.True(vhost is not null, $"{overlay}: no Vhost with defaultQueueType quorum");
        return vhost["spec"]["name"].Text!;
    }
}
