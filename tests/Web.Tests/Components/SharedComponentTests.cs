using System.Globalization;
using Bunit;
using Platform.Web.Api;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The pieces every form uses: the dd/MM/yyyy day input, field errors wired to their input, the pager.</summary>
public class SharedComponentTests
{
    [Fact]
    public void A_day_input_shows_dd_MM_yyyy_as_text_whatever_the_culture()
    {
        using var ctx = new ConsoleContext();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var cut = ctx.Render<DateInput>(p => p.Add(x => x.Id, "deadline").Add(x => x.Name, "Form.Deadline").Add(x => x.Day, new DateOnly(2026, 9, 5)));
        var input = cut.Find("input#deadline");
        Assert.Equal("text", input.GetAttribute("type")); // a type="date" input would show the browser's locale
        Assert.Equal("05/09/2026", input.GetAttribute("value"));
        Assert.Equal("Form.Deadline", input.GetAttribute("name"));
        Assert.Equal(DateInput.DatePattern, input.GetAttribute("pattern"));
        Assert.Matches($"^(?:{DateInput.DatePattern})$", "05/09/2026");
        Assert.DoesNotMatch($"^(?:{DateInput.DatePattern})$", "2026-09-05");
    }

    [Fact]
    public void A_refused_day_keeps_what_was_typed_and_shows_its_error_next_to_it_tied_to_the_input()
    {
        using var ctx = new ConsoleContext();
        var problem = new Platform.Web.Components.Shared.FormCheck();
        problem.Date("31/02/2026", "deadline");
        var cut = ctx.Render<DateInput>(p => p.Add(x => x.Id, "deadline").Add(x => x.Name, "Form.Deadline").Add(x => x.Value, "31/02/2026")
            .Add(x => x.Field, "deadline").Add(x => x.Problem, problem.Problem));
        var input = cut.Find("input#deadline");
        Assert.Equal("31/02/2026", input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var error = cut.Find("#" + input.GetAttribute("aria-describedby"));
        Assert.Equal("phải là ngày viết theo dạng dd/mm/yyyy", error.QuerySelector("span.field-error[data-field=deadline]")!.TextContent);

        var fine = ctx.Render<DateInput>(p => p.Add(x => x.Id, "d2").Add(x => x.Name, "x").Add(x => x.Field, "deadline"));
        Assert.Null(fine.Find("input").GetAttribute("aria-invalid"));
        Assert.Empty(fine.FindAll("span.field-error"));
    }

    [Fact]
    public void The_pager_links_the_neighbouring_pages_and_says_where_the_page_sits()
    {
        using var ctx = new ConsoleContext();
        var cut = ctx.Render<Pager>(p => p.Add(x => x.Page, 2).Add(x => x.PageSize, 25).Add(x => x.Total, 60L).Add(x => x.Count, 25)
            .Add(x => x.Href, n => $"/hop/nhiem-vu?trang={n}"));
        Assert.Equal("/hop/nhiem-vu?trang=1", cut.Find("a.prev").GetAttribute("href"));
        Assert.Equal("/hop/nhiem-vu?trang=3", cut.Find("a.next").GetAttribute("href"));
        Assert.Equal("26–50 trên tổng số 60", cut.Find(".position").TextContent);

        var last = ctx.Render<Pager>(p => p.Add(x => x.Page, 3).Add(x => x.PageSize, 25).Add(x => x.Total, 60L).Add(x => x.Count, 10)
            .Add(x => x.Href, n => $"?trang={n}"));
        Assert.Empty(last.FindAll("a.next"));
        Assert.Equal("51–60 trên tổng số 60", last.Find(".position").TextContent);

        var one = ctx.Render<Pager>(p => p.Add(x => x.Page, 1).Add(x => x.Total, 3L).Add(x => x.Count, 3).Add(x => x.Href, n => ""));
        Assert.Empty(one.FindAll("nav"));
    }
}
