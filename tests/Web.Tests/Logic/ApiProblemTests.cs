using Platform.Web.Api;
using Xunit;

namespace Web.Tests.Logic;

public class ApiProblemTests
{
    [Fact]
    public void A_validation_problem_gives_its_messages_per_field_whatever_the_case()
    {
        var problem = ApiProblem.Parse(400, """
            {"type":"https://platform.sotttt.invalid/problems/validation","title":"The request is invalid.","status":400,
             "errors":{"taxCode":["check digit does not match"],"contact.email":["is not an e-mail address"]},"code":"invalid"}
            """);
        Assert.Equal(400, problem.Status);
        Assert.Equal("invalid", problem.Code);
        Assert.Equal(["check digit does not match"], problem.For("TAXCODE"));
        Assert.Empty(problem.For("legalName"));
        Assert.False(problem.OffersReload);
    }

    [Fact]
    public void Errors_for_fields_the_page_does_not_show_are_left_for_the_summary()
    {
        var problem = ApiProblem.Parse(400, """{"status":400,"errors":{"taxCode":["x"],"If-Match":["must be a stream version"]}}""");
        Assert.Equal(["If-Match"], problem.Unplaced(["taxCode", "legalName"]).Select(e => e.Key));
    }

    [Fact]
    public void A_conflict_offers_to_reload()
    {
        var problem = ApiProblem.Parse(409, """{"status":409,"title":"The resource was changed by someone else.","code":"concurrency-conflict"}""");
        Assert.True(problem.OffersReload);
        Assert.Equal("concurrency-conflict", problem.Code);
    }

    [Fact]
    public void A_body_that_is_no_problem_still_keeps_the_status()
    {
        var problem = ApiProblem.Parse(502, "<html>Bad gateway</html>");
        Assert.Equal(502, problem.Status);
        Assert.Empty(problem.Errors);
        Assert.Equal(403, ApiProblem.Parse(403, "").Status);
        Assert.True(ApiProblem.Parse(403, "").IsForbidden);
    }
}
