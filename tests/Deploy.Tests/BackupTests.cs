using System.Text.RegularExpressions;
using Xunit;

namespace Deploy.Tests;

/// <summary>
/// CloudNativePG's backups to an object store (Barman Cloud): continuous WAL archiving, scheduled base
/// backups, credentials from a Secret the overlay names, and a retention long enough to restore from.
/// </summary>
public sealed class BackupTests
{
    [Theory]
    [MemberData(nameof(Platform.Overlays), MemberType = typeof(Platform))]
    public void Postgres_archives_wal_and_takes_scheduled_base_backups_to_an_object_store(string overlayName)
    {
        var overlay = Kustomize.Render(overlayName);
        var cluster = Assert.Single(overlay.OfKind("Cluster"));
        var store = cluster["spec"]["backup"]["barmanObjectStore"];
        Assert.True(store.IsMapping, $"{overlay} {cluster}: no spec.backup.barmanObjectStore: WAL is not archived anywhere");
        Assert.True(store["destinationPath"].Text is { } destination && Regex.IsMatch(destination, "^(s3|gs|https)://[^/]+/.+"),
            $"{store.Path}: destinationPath {store["destinationPath"].Text ?? "unset"} is not a bucket path");
        Assert.True(Uri.TryCreate(store["endpointURL"].Text, UriKind.Absolute, out var endpoint) && endpoint.Scheme == Uri.UriSchemeHttps,
            $"{store.Path}: endpointURL {store["endpointURL"].Text ?? "unset"} is not an https address");

        // Credentials only by reference to a Secret the overlay names (created by whoever deploys: none is rendered).
        var credentials = store["s3Credentials"];
        var secrets = new[] { credentials["accessKeyId"], credentials["secretAccessKey"] }.Select(reference =>
        {
            Assert.True(reference["name"].Text is { Length: > 0 } && reference["key"].Text is { Length: > 0 },
                $"{reference.Path}: not a reference to a Secret's key");
            return reference["name"].Text!;
        }).Distinct().ToList();
        var secret = Assert.Single(secrets);
        Assert.Null(overlay.Find("Secret", secret));
        Assert.True(credentials["inheritFromIAMRole"].Bool != true, $"{credentials.Path}: inherits an IAM role instead of the named Secret");

        Assert.True(store["wal"]["compression"].Text is { Length: > 0 }, $"{store.Path}: WAL is archived uncompressed");
        Assert.True(RetentionDays(cluster) >= 7, $"{cluster}: retentionPolicy {cluster["spec"]["backup"]["retentionPolicy"].Text ?? "unset"} keeps less than a week");

        // Base backups on a schedule, of this cluster, to the same store; one at once when created.
        var scheduled = overlay.OfKind("ScheduledBackup").Where(b => b["spec"]["cluster"]["name"].Text == cluster.Name).ToList();
        Assert.True(scheduled.Count > 0, $"{overlay}: no ScheduledBackup of {cluster}");
        foreach (var backup in scheduled)
        {
            Assert.Equal("postgresql.cnpg.io/v1", backup.ApiVersion);
            Assert.Equal("barmanObjectStore", backup["spec"]["method"].Text ?? "barmanObjectStore");
            var fields = (backup["spec"]["schedule"].Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(fields.Length == 6, $"{backup}: schedule '{backup["spec"]["schedule"].Text}' is not CloudNativePG's six-field cron (seconds first)");
            Assert.True(backup["spec"]["suspend"].Bool != true, $"{backup}: suspended");
        }
        Assert.Contains(scheduled, b => b["spec"]["immediate"].Bool == true);
    }

    [Fact]
    public void Prod_keeps_backups_at_least_30_days_apart_from_dev()
    {
        var prod = Assert.Single(Kustomize.Render("prod").OfKind("Cluster"));
        Assert.True(RetentionDays(prod) >= 30, $"prod {prod}: retentionPolicy {prod["spec"]["backup"]["retentionPolicy"].Text ?? "unset"}, expected 30 days or more");

        // One store path per cluster: two clusters archiving WAL into one path would corrupt each other's archive.
        var dev = Assert.Single(Kustomize.Render("dev").OfKind("Cluster"));
        string? Destination(K8sObject c) => c["spec"]["backup"]["barmanObjectStore"]["destinationPath"].Text;
        Assert.NotEqual(Destination(dev), Destination(prod));
    }

    /// <summary>Barman's retention policy ("30d", "4w", "1m") in days; 0 when unset or unreadable.</summary>
    private static int RetentionDays(K8sObject cluster)
    {
        var match = Regex.Match(cluster["spec"]["backup"]["retentionPolicy"].Text ?? "", "^([1-9][0-9]*)([dwm])$");
        if (!match.Success) return 0;
        return int.Parse(match.Groups[1].Value) * match.Groups[2].Value switch { "d" => 1, "w" => 7, _ => 30 };
    }
}
