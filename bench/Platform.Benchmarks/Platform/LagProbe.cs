using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.BuildingBlocks.Domain;
using Platform.Reporting.Obligations;
using Platform.Reporting.Templates;

namespace Platform.Benchmarks.Platform;

/// <summary>
/// Cross-service propagation lag of the Registry's enterprises, two ways:
/// <list type="bullet">
/// <item>Every registration, from the databases: the event's timestamp in registry.mt_events (version 1) to the
/// KnownEnterprise document's mt_last_modified in Infrastructure, Reporting and Meetings, and to the
/// ObligationOpened event in reporting.mt_events. Both are PostgreSQL transaction timestamps of the same server,
/// so polling delay does not enter the figure.</item>
/// <item>Every Nth registration, through the HTTP APIs as a client sees it: from the 201 response to the first
/// non-empty GET /api/reporting/obligations?enterpriseId=, and to the first POST /api/infrastructure/sites for
/// that owner that Infrastructure accepts (it answers 422 unknown-enterprise until it knows the enterprise).</item>
/// </list>
/// Discoveries also feed <see cref="PlatformState"/>, so the load only uses parties each service already knows.
/// </summary>
public sealed class LagProbe(ServiceFleet fleet, PlatformState state, BenchOptions options, HttpClient http, string token) : IAsyncDisposable
{
    public const string ToInfrastructure = "registry → infrastructure KnownEnterprise (db)";
    public const string ToReportingKnown = "registry → reporting KnownEnterprise (db)";
    public const string ToReportingObligation = "registry → reporting obligation opened (db)";
    public const string ToMeetings = "registry → meetings KnownEnterprise (db)";
    public const string HttpReporting = "201 → GET reporting obligations non-empty (http)";
    public const string HttpInfrastructure = "201 → POST infrastructure site accepted (http)";
    public static readonly string[] Kinds = [ToInfrastructure, ToReportingKnown, ToReportingObligation, ToMeetings, HttpReporting, HttpInfrastructure];

    private sealed class Tracked(Guid id, string phase, Guid submissionId)
    {
        public Guid Id { get; } = id;
        public string Phase { get; } = phase;
        public Guid SubmissionId { get; } = submissionId;
        public DateTime Since { get; } = DateTime.UtcNow;
        public DateTime? Registry, Infrastructure, ReportingKnown, Obligation, Meetings;
        public bool Done => Registry is not null && Infrastructure is not null && ReportingKnown is not null && Obligation is not null && Meetings is not null;
    }

    private readonly ConcurrentDictionary<Guid, Tracked> _pending = new();
    private readonly ConcurrentBag<(string Phase, string Kind, double Seconds)> _samples = [];
    private readonly ConcurrentBag<(string Phase, string Kind)> _missing = [];
    private readonly ConcurrentBag<Task> _httpProbes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, NpgsqlDataSource> _db = fleet.Services.ToDictionary(s => s.Name, s => NpgsqlDataSource.Create(fleet.ConnectionString(s)));
    private Task? _loop;
    private int _registrations;
    public int HttpProbeRequests;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Called on each 201 from the Registry.</summary>
    public void Registered(Guid enterpriseId, string phase, bool measured)
    {
        var period = ReportingPeriod.Containing(PeriodType.Monthly, DepartmentClock.Today(TimeProvider.System)).Key;
        _pending[enterpriseId] = new Tracked(enterpriseId, phase, ObligationScheduler.SubmissionIdFor(enterpriseId, Templates.TelecomMonthly.Code, period));
        if (measured && Interlocked.Increment(ref _registrations) % options.LagHttpSample == 0)
        {
            var at = Stopwatch.GetTimestamp();
            _httpProbes.Add(Task.Run(() => ProbeReportingAsync(enterpriseId, phase, at)));
            _httpProbes.Add(Task.Run(() => ProbeInfrastructureAsync(enterpriseId, phase, at)));
        }
    }

    public int Pending => _pending.Count;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await RoundAsync(_stop.Token); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { break; }
            catch (Exception ex) { Log.Info($"lag probe round failed: {ex.Message}"); }
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { break; }
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        var open = _pending.Values.ToList();
        if (open.Count == 0) return;
        await FillAsync("registry", "select stream_id, timestamp from registry.mt_events where version = 1 and stream_id = any(@ids)",
            open.Where(t => t.Registry is null).ToList(), t => t.Id, (t, at) => t.Registry = at, ct);
        await FillAsync("infrastructure", "select id, mt_last_modified from infrastructure.mt_doc_knownenterprise where id = any(@ids)",
            open.Where(t => t.Infrastructure is null).ToList(), t => t.Id, (t, at) => { t.Infrastructure = at; state.InfrastructureKnows(t.Id); }, ct);
        await FillAsync("reporting", "select id, mt_last_modified from reporting.mt_doc_knownenterprise where id = any(@ids)",
            open.Where(t => t.ReportingKnown is null).ToList(), t => t.Id, (t, at) => t.ReportingKnown = at, ct);
        await FillAsync("reporting", "select stream_id, timestamp from reporting.mt_events where version = 1 and stream_id = any(@ids)",
            open.Where(t => t.Obligation is null).ToList(), t => t.SubmissionId, (t, at) => { t.Obligation = at; state.ObligationOpened(t.SubmissionId); }, ct);
        await FillAsync("meetings", "select id, mt_last_modified from meetings.mt_doc_knownenterprise where id = any(@ids)",
            open.Where(t => t.Meetings is null).ToList(), t => t.Id, (t, at) => { t.Meetings = at; state.MeetingsKnows(t.Id); }, ct);

        var timeout = TimeSpan.FromSeconds(options.LagTimeoutSeconds);
        foreach (var t in open)
        {
            if (t.Done)
            {
                _pending.TryRemove(t.Id, out _);
                Add(t.Phase, ToInfrastructure, t.Infrastructure - t.Registry);
                Add(t.Phase, ToReportingKnown, t.ReportingKnown - t.Registry);
                Add(t.Phase, ToReportingObligation, t.Obligation - t.Registry);
                Add(t.Phase, ToMeetings, t.Meetings - t.Registry);
            }
            else if (DateTime.UtcNow - t.Since > timeout)
            {
                _pending.TryRemove(t.Id, out _);
                foreach (var (kind, at) in new[] { (ToInfrastructure, t.Infrastructure), (ToReportingKnown, t.ReportingKnown), (ToReportingObligation, t.Obligation), (ToMeetings, t.Meetings) })
                    if (at is null || t.Registry is null) _missing.Add((t.Phase, kind)); else Add(t.Phase, kind, at - t.Registry);
            }
        }
    }

    private void Add(string phase, string kind, TimeSpan? lag) => _samples.Add((phase, kind, lag!.Value.TotalSeconds));

    private async Task FillAsync(string service, string sql, List<Tracked> wanted, Func<Tracked, Guid> key, Action<Tracked, DateTime> found, CancellationToken ct)
    {
        if (wanted.Count == 0) return;
        var byKey = wanted.ToDictionary(key);
        await using var command = _db[service].CreateCommand(sql);
        command.Parameters.AddWithValue("ids", byKey.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (byKey.TryGetValue(reader.GetGuid(0), out var t)) found(t, reader.GetFieldValue<DateTime>(1));
    }

    private async Task ProbeReportingAsync(Guid enterpriseId, string phase, long since)
    {
        var url = $"{fleet["reporting"].Url}/api/reporting/obligations?enterpriseId={enterpriseId}&pageSize=1";
        var deadline = Stopwatch.GetTimestamp() + (long)(options.LagTimeoutSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new("Bearer", token);
                Interlocked.Increment(ref HttpProbeRequests);
                using var response = await http.SendAsync(request, _stop.Token);
                if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(_stop.Token)).GetProperty("total").GetInt64() > 0)
                {
                    _samples.Add((phase, HttpReporting, Stopwatch.GetElapsedTime(since).TotalSeconds));
                    return;
                }
                await Task.Delay(options.LagPollMilliseconds, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { break; }
            catch (HttpRequestException) { }
        }
        _missing.Add((phase, HttpReporting));
    }

    private async Task ProbeInfrastructureAsync(Guid enterpriseId, string phase, long since)
    {
        var url = $"{fleet["infrastructure"].Url}/api/infrastructure/sites";
        var deadline = Stopwatch.GetTimestamp() + (long)(options.LagTimeoutSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(Requests.Site(enterpriseId, state.Next())) };
                request.Headers.Authorization = new("Bearer", token);
                Interlocked.Increment(ref HttpProbeRequests);
                using var response = await http.SendAsync(request, _stop.Token);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    _samples.Add((phase, HttpInfrastructure, Stopwatch.GetElapsedTime(since).TotalSeconds));
                    var created = await response.Content.ReadFromJsonAsync<Created>(_stop.Token);
                    state.SiteRegistered(created!.Id, enterpriseId);
                    return;
                }
                if (response.StatusCode != HttpStatusCode.UnprocessableEntity) break; // anything but "not known yet" is a failure, not lag
                await Task.Delay(options.LagPollMilliseconds, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { break; }
            catch (HttpRequestException) { }
        }
        _missing.Add((phase, HttpInfrastructure));
    }

    /// <summary>
    /// The idle platform: registrations one at a time with nothing else running, each timed from its 201 to the
    /// first non-empty GET of its obligations (polled every 20 ms, so the figure is at most 20 ms high).
    /// </summary>
    public async Task<(Distribution Seconds, int Missing)> IdleAsync(LoadDriver driver, int count, CancellationToken ct)
    {
        var samples = new List<double>();
        var missing = 0;
        for (var i = 0; i < count; i++)
        {
            await Task.Delay(1000, ct); // let the previous one's consequences settle: idle means idle
            if (await driver.RegisterOneAsync(ct) is not var (id, at)) { missing++; continue; }
            var url = $"{fleet["reporting"].Url}/api/reporting/obligations?enterpriseId={id}&pageSize=1";
            var seen = false;
            while (!seen && Stopwatch.GetElapsedTime(at).TotalSeconds < options.LagTimeoutSeconds)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Authorization = new("Bearer", token);
                    using var response = await http.SendAsync(request, ct);
                    if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("total").GetInt64() > 0)
                    {
                        samples.Add(Stopwatch.GetElapsedTime(at).TotalSeconds);
                        seen = true;
                        continue;
                    }
                }
                catch (HttpRequestException) { } // counted as not yet visible
                await Task.Delay(20, ct);
            }
            if (!seen) missing++;
        }
        return (Distribution.Of(samples), missing);
    }

    /// <summary>Waits until every tracked registration has been seen everywhere (or timed out).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (!_pending.IsEmpty) await Task.Delay(100, ct);
        await Task.WhenAll(_httpProbes.ToArray());
    }

    public IReadOnlyDictionary<string, LagFigures> Figures(string phase) => Kinds.ToDictionary(k => k, k => new LagFigures(
        Distribution.Of(_samples.Where(s => s.Phase == phase && s.Kind == k).Select(s => s.Seconds)),
        _missing.Count(m => m.Phase == phase && m.Kind == k)));

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        try { await Task.WhenAll(_httpProbes.ToArray()); } catch (OperationCanceledException) { }
        foreach (var db in _db.Values) await db.DisposeAsync();
    }
}

/// <summary>Lag in seconds; Missing = not seen within the timeout.</summary>
public sealed record LagFigures(Distribution Seconds, int Missing);

public sealed record Created(Guid Id, long Version);
