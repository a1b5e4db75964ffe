using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The browser tests' own calls to the APIs, for the records a page needs and for "another user's change".</summary>
public static class ApiCalls
{
    /// <summary>A 201 expected; the new record's id.</summary>
    public static async Task<Guid> CreatedAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Any 2xx expected; the answer's body is said when it is not.</summary>
    public static async Task ExpectOkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
