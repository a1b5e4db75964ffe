using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Contracts.Api;

namespace Platform.Web.Api;

/// <summary>One service's HTTP API as the console calls it. The user's bearer token is added by
/// <see cref="ForwardUserToken"/>, so the service's own authorization decides what the user may see and do.</summary>
public sealed class ApiClient(HttpClient http, string service)
{
    public string Service => service;

    public Task<ApiResult<T>> GetAsync<T>(string path, string? bearer = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, null, bearer, ct);

    /// <summary>Every row of a paged list (pages of the maximum size, read until the total is reached): for a page that shows a
    /// whole bounded set, such as one month of meetings. <paramref name="path"/> carries the list's filters; no version.</summary>
    public async Task<ApiResult<List<T>>> GetEveryPageAsync<T>(string path, CancellationToken ct = default)
    {
        var rows = new List<T>();
        var separator = path.Contains('?') ? '&' : '?';
        for (var page = 1; ; page++)
        {
            var read = await GetAsync<PageOf<T>>($"{path}{separator}page={page}&pageSize={EveryPageSize}", ct: ct);
            if (read.Problem is { } problem) return ApiResult<List<T>>.Failure(problem);
            var items = read.Value?.Items ?? [];
            rows.AddRange(items);
            // An empty page ends it too: rows removed meanwhile would otherwise leave the total out of reach.
            if (items.Count == 0 || rows.Count >= read.Value!.Total) return ApiResult<List<T>>.Success(rows, null);
        }
    }

    /// <summary>The services' largest page (Pages.MaxPageSize).</summary>
    public const int EveryPageSize = 200;

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, long? ifMatch = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Post, path, body ?? new { }, ifMatch, null, ct);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, long? ifMatch = null, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Put, path, body ?? new { }, ifMatch, null, ct);

    /// <summary>A file sent as it is, with its media type (the site import: CSV or GeoJSON).</summary>
    public Task<ApiResult<T>> PostFileAsync<T>(string path, Stream file, string mediaType, CancellationToken ct = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return SendAsync<T>(HttpMethod.Post, path, content, null, null, ct);
    }

    /// <summary>The raw response (exports), for the caller to stream on.</summary>
    public Task<HttpResponseMessage> GetRawAsync(string path, CancellationToken ct = default) =>
        http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, string? bearer, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, options: ApiJson.Options);
        // If-Match carries the version the page showed: a change made meanwhile by someone else is refused (409), not overwritten.
        if (ifMatch is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                return ApiResult<T>.Failure(ApiProblem.Parse((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
            var value = response.Content.Headers.ContentLength == 0 || typeof(T) == typeof(NoContent)
                ? default
                : await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct);
            return ApiResult<T>.Success(value, VersionOf(response));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                       or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return ApiResult<T>.Failure(ApiProblem.Unreachable(service, ex.Message));
        }
    }

    private static long? VersionOf(HttpResponseMessage response) =>
        response.Headers.ETag is { } tag && long.TryParse(tag.Tag.Trim('"'), out var v) ? v : null;
}

/// <summary>For calls whose answer the console does not read.</summary>
public sealed record NoContent;
