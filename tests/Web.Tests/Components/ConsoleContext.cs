using Microsoft.Extensions.Hosting;
using System.Globalization;
using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Web.Account;
using Platform.Web.Api;

namespace Web.Tests.Components;

/// <summary>A bUnit context with what the console's components need: the Vietnamese resources, the four API
/// clients answered by <see cref="Answer"/> (so a page's logic runs against canned API responses), and a signed-in user.</summary>
public sealed class ConsoleContext : BunitContext
{
    public List<string> Requests { get; } = [];
    public Func<HttpRequestMessage, (HttpStatusCode Status, string Json)> Answer { get; set; } = _ => (HttpStatusCode.OK, "{}");

    public ConsoleContext(string role = PlatformRoles.Officer, Guid? enterpriseId = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor
        {
            HttpContext = new DefaultHttpContext { User = SignIn.Principal($"test-{role}", role, enterpriseId, "token") },
        });
        Services.AddSingleton<IHttpClientFactory>(new CannedClients(this));
        Services.AddScoped<PlatformApis>();
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(TimeProvider.System);
    }

    private sealed class CannedClients(ConsoleContext context) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(context)) { BaseAddress = new Uri($"http://{name}") };
    }

    private sealed class Handler(ConsoleContext context) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            context.Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            var (status, json) = context.Answer(request);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
