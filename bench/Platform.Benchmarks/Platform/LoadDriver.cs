using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace Platform.Benchmarks.Platform;

/// <summary>
/// Drives the real HTTP APIs with the configured mix. An operation is one or more write commands:
/// register (Registry), site (Infrastructure), sharing (Infrastructure), meeting (Meetings: schedule, hold,
/// record a conclusion, each with If-Match), report (Reporting: submit an open obligation; when none is open,
/// return a submitted one as a manager and submit it again). At a fixed rate every command waits for its
/// slot (rate = commands/s, open loop); at maximum rate workers send the next command as soon as the last answered.
/// An operation whose parties no service knows yet (e.g. the first seconds) registers an enterprise instead.
/// </summary>
public sealed class LoadDriver(ServiceFleet fleet, PlatformState state, LagProbe lag, BenchOptions options, HttpClient http)
{
    private readonly string[] _tokens = Enumerable.Range(0, Math.Max(options.Workers, 1))
        .Select(i => DevelopmentTokens.Issue(PlatformRoles.Manager, userId: $"bench-worker-{i}")).ToArray();

    public sealed record PhaseResult(string Phase, double? TargetRate, double Seconds, int Commands, IReadOnlyList<EndpointFigures> Endpoints,
        IReadOnlyDictionary<string, int> Operations);

    private sealed class Phase(string name, double? rate, bool measured)
    {
        public string Name { get; } = name;
        public double? Rate { get; } = rate;
        public bool Measured { get; } = measured;
        public readonly EndpointRecorder Recorder = new();
        public readonly Dictionary<string, int> Operations = [];
        public readonly long Start = Stopwatch.GetTimestamp();
        public long Slot = -1;
    }

    /// <summary>Registers <paramref name="count"/> enterprises and waits until each service knows them all.</summary>
    public async Task SeedAsync(int count, CancellationToken ct)
    {
        var phase = new Phase("seed", null, measured: false);
        for (var i = 0; i < count; i++) await RegisterAsync(phase, 0, ct);
        await lag.DrainAsync(ct);
        Log.Info($"seeded {count} enterprises: Infrastructure knows {state.InfrastructureKnown}, Meetings {state.MeetingsKnown}, Reporting opened {state.OpenObligations} obligations");
    }

    /// <summary>Registers one enterprise (no lag tracking): the id and when the 201 arrived, or null when it was refused.</summary>
    public async Task<(Guid Id, long At)?> RegisterOneAsync(CancellationToken ct)
    {
        var phase = new Phase("idle", null, measured: false);
        var (status, body, _) = await SendAsync(phase, "POST /api/registry/enterprises", HttpMethod.Post,
            $"{fleet["registry"].Url}/api/registry/enterprises", Requests.Enterprise(state.Next()), 0, null, ct);
        return status == HttpStatusCode.Created ? (Parse(body).Id, Stopwatch.GetTimestamp()) : null;
    }

    public async Task<PhaseResult> RunAsync(string name, TimeSpan duration, double? rate, CancellationToken ct)
    {
        var phase = new Phase(name, rate, measured: name != "warmup"); // warm-up registrations are not sampled over HTTP
        var deadline = phase.Start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var weighted = options.Mix.SelectMany(m => Enumerable.Repeat(m.Key, m.Value)).ToArray();
        var workers = Enumerable.Range(0, options.Workers).Select(w => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
                await OperationAsync(phase, weighted[Random.Shared.Next(weighted.Length)], w, ct);
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(phase.Start).TotalSeconds;
        lock (phase.Operations)
            return new PhaseResult(name, rate, seconds, phase.Recorder.Total, phase.Recorder.Figures(seconds), new Dictionary<string, int>(phase.Operations));
    }

    private async Task OperationAsync(Phase phase, string op, int worker, CancellationToken ct)
    {
        var done = op switch
        {
            "site" => await SiteAsync(phase, worker, ct),
            "sharing" => await SharingAsync(phase, worker, ct),
            "meeting" => await MeetingAsync(phase, worker, ct),
            "report" => await ReportAsync(phase, worker, ct),
            _ => false,
        };
        if (!done) { await RegisterAsync(phase, worker, ct); op = op == "register" ? op : $"register (instead of {op})"; }
        lock (phase.Operations) phase.Operations[op] = phase.Operations.GetValueOrDefault(op) + 1;
    }

    private async Task RegisterAsync(Phase phase, int worker, CancellationToken ct)
    {
        var (status, body, _) = await SendAsync(phase, "POST /api/registry/enterprises", HttpMethod.Post,
            $"{fleet["registry"].Url}/api/registry/enterprises", Requests.Enterprise(state.Next()), worker, null, ct);
        if (status == HttpStatusCode.Created) lag.Registered(Parse(body).Id, phase.Name, phase.Measured);
    }

    private async Task<bool> SiteAsync(Phase phase, int worker, CancellationToken ct)
    {
        if (state.SiteOwner() is not { } owner) return false;
        var (status, body, _) = await SendAsync(phase, "POST /api/infrastructure/sites", HttpMethod.Post,
            $"{fleet["infrastructure"].Url}/api/infrastructure/sites", Requests.Site(owner, state.Next()), worker, null, ct);
        if (status == HttpStatusCode.Created) state.SiteRegistered(Parse(body).Id, owner);
        return true;
    }

    private async Task<bool> SharingAsync(Phase phase, int worker, CancellationToken ct)
    {
        if (state.SharingPair() is not { } pair) return false;
        await SendAsync(phase, "POST /api/infrastructure/sharing-requests", HttpMethod.Post,
            $"{fleet["infrastructure"].Url}/api/infrastructure/sharing-requests", Requests.Sharing(pair.Site, pair.Requester), worker, null, ct);
        return true;
    }

    private async Task<bool> MeetingAsync(Phase phase, int worker, CancellationToken ct)
    {
        if (state.Invitees(2) is not { } invited) return false;
        var n = state.Next();
        var url = $"{fleet["meetings"].Url}/api/meetings/meetings";
        var (status, body, etag) = await SendAsync(phase, "POST /api/meetings/meetings", HttpMethod.Post, url, Requests.Meeting(invited, n), worker, null, ct);
        if (status != HttpStatusCode.Created) return true;
        var id = Parse(body).Id;
        (status, _, etag) = await SendAsync(phase, "POST /api/meetings/meetings/{id}/holding", HttpMethod.Post, $"{url}/{id}/holding", Requests.Holding(invited), worker, etag, ct);
        if (status != HttpStatusCode.OK) return true;
        await SendAsync(phase, "POST /api/meetings/meetings/{id}/conclusions", HttpMethod.Post, $"{url}/{id}/conclusions", Requests.Conclusion(n), worker, etag, ct);
        return true;
    }

    private async Task<bool> ReportAsync(Phase phase, int worker, CancellationToken ct)
    {
        if (state.TakeReport() is not { } report) return false;
        var url = $"{fleet["reporting"].Url}/api/reporting/submissions/{report.Submission}";
        if (!report.Fresh)
        {
            var (returned, _, _) = await SendAsync(phase, "POST /api/reporting/submissions/{id}/return", HttpMethod.Post, $"{url}/return", Requests.Return(), worker, null, ct);
            if (returned != HttpStatusCode.OK) { state.ReportSubmitted(report.Submission); return true; }
        }
        var (status, _, _) = await SendAsync(phase, "POST /api/reporting/submissions/{id}/submission", HttpMethod.Post, $"{url}/submission", Requests.Report(state.Next()), worker, null, ct);
        if (status == HttpStatusCode.OK) state.ReportSubmitted(report.Submission);
        else if (report.Fresh) state.ObligationOpened(report.Submission);
        return true;
    }

    /// <summary>One command: waits for its slot at a fixed rate, sends it with the worker's token, records latency and outcome.</summary>
    private async Task<(HttpStatusCode Status, string Body, string? ETag)> SendAsync(Phase phase, string endpoint, HttpMethod method, string url, object body,
        int worker, string? ifMatch, CancellationToken ct)
    {
        if (phase.Rate is { } rate)
        {
            var slot = Interlocked.Increment(ref phase.Slot);
            var due = phase.Start + (long)(slot / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
        }
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", _tokens[worker % _tokens.Length]);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var ok = response.IsSuccessStatusCode;
            phase.Recorder.Record(endpoint, ok ? ((int)response.StatusCode).ToString() : $"{(int)response.StatusCode} {ProblemCode(text)}", ok, ms);
            return (response.StatusCode, text, response.Headers.ETag?.Tag);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            phase.Recorder.Record(endpoint, $"error {ex.GetType().Name}", false, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (0, "", null);
        }
    }

    private static Created Parse(string body) => JsonSerializer.Deserialize<Created>(body, JsonSerializerOptions.Web)!;

    private static string ProblemCode(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() ?? "" : ""; }
        catch (JsonException) { return ""; }
    }
}
