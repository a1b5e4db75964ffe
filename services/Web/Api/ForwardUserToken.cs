using System.Net.Http.Headers;
using Platform.Web.Account;

namespace Platform.Web.Api;

/// <summary>Puts the signed-in user's bearer token (kept in the console's auth cookie) on every call to a service,
/// unless the caller set one itself (the development sign-in page lists enterprises with its own token).</summary>
public sealed class ForwardUserToken(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.Authorization is null && accessor.HttpContext?.User.FindFirst(SignIn.AccessTokenClaim)?.Value is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, ct);
    }
}
