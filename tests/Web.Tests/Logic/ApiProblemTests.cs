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

    [Theory]
    [InlineData("concurrency-conflict", true, false, null)]
    [InlineData(null, true, false, null)] // a 409 without a code cannot be told apart: reloading is the safe offer
    [InlineData("request-already-open", false, true, "siteId")]
    [InlineData("agreement-exists-for-year", false, true, "year")]
    [InlineData("duplicate-tax-code", false, true, "taxCode")]
    [InlineData("invalid-sharing-transition", false, true, null)]
    public void A_stale_version_offers_to_reload_and_a_business_rule_409_names_its_field(string? code, bool reload, bool rule, string? field)
    {
        var problem = ApiProblem.Parse(409, code is null ? """{"status":409}""" : $$"""{"status":409,"code":"{{code}}"}""");
        Assert.Equal((reload, rule, field), (problem.OffersReload, problem.IsRuleConflict, problem.RuleField));
    }

    [Theory]
    [InlineData(409, true)]
    [InlineData(412, true)] // an edit's If-Match no longer matches
    [InlineData(428, true)] // a first-time value (a population figure) was entered meanwhile
    [InlineData(422, false)]
    [InlineData(400, false)]
    public void A_stale_or_preempted_change_offers_to_reload_and_a_refused_one_does_not(int status, bool reload) =>
        Assert.Equal(reload, ApiProblem.Parse(status, $$"""{"status":{{status}}}""").OffersReload);

    [Theory]
    [InlineData("/doanh-nghiep/42?da=suspended", "/doanh-nghiep/42")]
    [InlineData("/bao-cao/dan-so?nam=2031&da=Ph%C6%B0%E1%BB%9Dng&don-vi=03006", "/bao-cao/dan-so?nam=2031&don-vi=03006")]
    [InlineData("/hop/7?dat=1", "/hop/7?dat=1")]
    [InlineData("/hop/nhiem-vu", "/hop/nhiem-vu")]
    public void The_reload_after_a_conflict_drops_the_notice_of_an_earlier_step(string page, string reload) =>
        Assert.Equal(reload, Platform.Web.Components.Shared.ProblemBox.WithoutNotice(page));

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
