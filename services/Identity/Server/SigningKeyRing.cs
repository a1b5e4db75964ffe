using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Validation;
using Platform.Identity.Accounts;

namespace Platform.Identity.Server;

/// <summary>One signing key of the ring: a self-signed certificate whose validity says when it signs.</summary>
public sealed class SigningKey
{
    /// <summary>The certificate's thumbprint, the <c>kid</c> in the JWKS and in every token it signs.</summary>
    public string Id { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Signs from then on (published in the JWKS from its creation, <c>PublishAhead</c> earlier).</summary>
    public DateTimeOffset NotBefore { get; set; }
    /// <summary>The PKCS#12 with its private key, protected with Data Protection (purpose <see cref="SigningKeyRing.Purpose"/>).</summary>
    public string ProtectedCertificate { get; set; } = "";
}

/// <summary><c>Identity:SigningKeys</c>: how the ring rotates.</summary>
public sealed class SigningKeyRotation
{
    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan RotateEvery { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How long the next key is published before it signs: longer than the APIs keep the JWKS (12 h for the JWT bearer handler).</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(1);
    /// <summary>How long a replaced key stays published: at least the longest lifetime of a token it signed.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often each replica looks at the ring (and at the clock: a key's day may have come).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The signing keys OpenIddict publishes and signs with, rotated while the service runs. Two sources:
/// <list type="bullet">
/// <item>The ring (default): keys kept in the service's database (private keys protected with Data Protection), so
/// every replica and every restart uses the same ones. Each replica checks it every <c>CheckInterval</c>; under an
/// advisory lock the first to see it due creates the next key <c>PublishAhead</c> before the current one has signed
/// for <c>RotateEvery</c>, and deletes a replaced key <c>RetainFor</c> after its successor took over.</item>
/// <item>Certificates an operator manages (<c>Identity:SigningCertificates:N</c>): all published; the one OpenIddict
/// signs with changes when the next one's NotBefore comes, without a restart.</item>
/// </list>
/// Either way OpenIddict signs with the valid key that expires last and never with one whose NotBefore is ahead
/// (its own ordering of X.509 keys); when the set or the signing key changes, its server and validation options are
/// rebuilt (a change token), so the JWKS, the tokens and this service's own API follow at once.
/// </summary>
public sealed class SigningKeyRing(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<SigningKeyRing> logger)
    : BackgroundService, IOptionsChangeTokenSource<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictValidationOptions>
{
    public const string Purpose = "Platform.Identity.SigningKeys.v1";
    private const long LockId = 0x1d_5167_4b65; // the ring's advisory lock: one replica rotates at a time

    private readonly List<X509Certificate2> _configured = SigningKeys.Load(configuration.GetSection("Identity:SigningCertificates")).ToList();
    private readonly SigningKeyRotation _rotation = configuration.GetSection("Identity:SigningKeys").Get<SigningKeyRotation>() ?? new();
    private volatile IReadOnlyList<X509Certificate2> _current = [];
    private string _fingerprint = "";
    private CancellationTokenSource _changed = new();

    /// <summary>The published keys, the one that signs first.</summary>
    public IReadOnlyList<X509Certificate2> Current => _current;
    public bool FromConfiguration => _configured.Count > 0;

    string IOptionsChangeTokenSource<OpenIddictServerOptions>.Name => Options.DefaultName;
    string IOptionsChangeTokenSource<OpenIddictValidationOptions>.Name => Options.DefaultName;
    IChangeToken IOptionsChangeTokenSource<OpenIddictServerOptions>.GetChangeToken() => new CancellationChangeToken(_changed.Token);
    IChangeToken IOptionsChangeTokenSource<OpenIddictValidationOptions>.GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>Adds the current keys to OpenIddict's server options (each time they are rebuilt).</summary>
    public void AddTo(OpenIddictServerOptions options)
    {
        foreach (var certificate in _current)
            options.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.X509SecurityKey(certificate), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        if (_rotation.RetainFor < configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(20)))
            throw new InvalidOperationException("Identity:SigningKeys:RetainFor must be at least Identity:AccessTokenLifetime: a replaced key must outlive its tokens.");
        // Before the first request: OpenIddict refuses to work without a signing key.
        await CheckAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_rotation.CheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The keys in use stay; the next tick tries again.
                logger.LogWarning(ex, "Signing key ring check failed");
            }
        }
    }

    /// <summary>Rotates when due, then reloads; rebuilds OpenIddict's options when the keys or the signing one changed.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keys = FromConfiguration ? _configured : await RotateAsync(now, ct);
        var ordered = keys.OrderBy(k => k.NotBefore.ToUniversalTime() > now.UtcDateTime ? 1 : 0)
            .ThenByDescending(k => k.NotAfter).ToList();
        var signing = ordered.FirstOrDefault(k => k.NotBefore.ToUniversalTime() <= now.UtcDateTime && k.NotAfter.ToUniversalTime() >= now.UtcDateTime);
        var fingerprint = string.Join(",", ordered.Select(k => k.Thumbprint)) + "|" + signing?.Thumbprint;
        if (fingerprint == _fingerprint) return;
        _current = ordered;
        _fingerprint = fingerprint;
        logger.LogInformation("Signing keys {Keys} published, {Signing} signs", ordered.Select(k => k.Thumbprint).ToArray(), signing?.Thumbprint);
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        await previous.CancelAsync();
        previous.Dispose();
    }

    private async Task<List<X509Certificate2>> RotateAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockId})", ct);
        var keys = await db.SigningKeys.OrderBy(k => k.NotBefore).ToListAsync(ct);

        // A key replaced for RetainFor has outlived every token it signed.
        foreach (var (key, successor) in keys.Zip(keys.Skip(1)))
            if (successor.NotBefore + _rotation.RetainFor <= now)
            {
                db.SigningKeys.Remove(key);
                logger.LogInformation("Signing key {Kid} retired", key.Id);
            }
        if (!keys.Any(k => k.NotBefore <= now))
            keys.Insert(0, Create(db, protector, now, now)); // the first start (or every key lost): one that signs at once
        var newest = keys.MaxBy(k => k.NotBefore)!;
        if (newest.NotBefore <= now && newest.NotBefore + _rotation.RotateEvery - _rotation.PublishAhead <= now)
        {
            var next = Create(db, protector, now, Max(newest.NotBefore + _rotation.RotateEvery, now + _rotation.PublishAhead));
            keys.Add(next);
            logger.LogInformation("Signing key {Kid} published, signs from {NotBefore:u}", next.Id, next.NotBefore);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return keys.Where(k => db.Entry(k).State != EntityState.Detached)
            .Select(k => X509CertificateLoader.LoadPkcs12(protector.Unprotect(Convert.FromBase64String(k.ProtectedCertificate)), null,
                X509KeyStorageFlags.EphemeralKeySet))
            .ToList();
    }

    private SigningKey Create(IdentityDb db, IDataProtector protector, DateTimeOffset now, DateTimeOffset notBefore)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Platform identity signing key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        // Valid well past its replacement (RetainFor, and a rotation missed while the service was down): the ring,
        // not the expiry, decides when it goes. Whole seconds, as X.509 stores them.
        var from = DateTimeOffset.FromUnixTimeSeconds(notBefore.ToUnixTimeSeconds());
        using var certificate = request.CreateSelfSigned(from, from + 2 * _rotation.RotateEvery + _rotation.RetainFor);
        var key = new SigningKey
        {
            Id = certificate.Thumbprint, CreatedAt = now, NotBefore = from,
            ProtectedCertificate = Convert.ToBase64String(protector.Protect(certificate.Export(X509ContentType.Pkcs12))),
        };
        db.SigningKeys.Add(key);
        return key;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
