using System.Text;
using Platform.Meetings.Actions;

namespace Platform.Meetings.Meetings;

/// <summary>The minutes (biên bản) as a printable Vietnamese HTML page. Every piece of user text is HTML-encoded.</summary>
public static class MinutesPage
{
    public static string KindName(MeetingKind kind) => kind switch
    {
        MeetingKind.QuarterlyBriefing => "Hội nghị giao ban quý",
        MeetingKind.SixMonthlyBriefing => "Hội nghị giao ban 6 tháng",
        MeetingKind.Dialogue => "Hội nghị đối thoại doanh nghiệp",
        MeetingKind.AnnualReviewConference => "Hội nghị tổng kết năm",
        _ => "Làm việc với Đoàn công tác của Bộ",
    };

    private static string PresenceName(AttendanceEntry a) => a.Presence switch
    {
        Presence.Present => "Có mặt",
        Presence.Delegate => $"Cử đại diện: {a.DelegateName}",
        _ => "Vắng mặt",
    };

    private static string ResponseName(Difficulty d) => d.Response switch
    {
        DifficultyResponse.ResolvedAtMeeting => $"Đã giải quyết tại hội nghị: {d.Resolution}",
        DifficultyResponse.ActionItem => "Giao nhiệm vụ thực hiện",
        DifficultyResponse.Escalated => "Kiến nghị cấp trên (UBND tỉnh / Bộ)",
        _ => "Chưa trả lời",
    };

    private static string AssigneeKindName(AssigneeKind kind) => kind switch
    {
        AssigneeKind.DepartmentUnit => "Đơn vị thuộc Sở",
        AssigneeKind.Enterprise => "Doanh nghiệp",
        AssigneeKind.PeoplesCommittee => "UBND tỉnh",
        _ => "Bộ",
    };

    public static string Render(Meeting m, IReadOnlyList<ActionItem> items)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Biên bản – ").Append(E(m.Title)).Append("</title>")
            // Printed on A4 with the margins of administrative documents (Decree 30/2020/NĐ-CP: left 30 mm, right 15 mm,
            // top and bottom 20 mm) in a 13 pt serif; table headers repeat on every page and no row or heading is split from its text.
            .Append("<style>@page{size:A4;margin:20mm 15mm 20mm 30mm}")
            .Append("body{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;font-size:13pt;max-width:48em;margin:2em auto;line-height:1.4}")
            .Append("h1,h2{text-align:center}h1,h2,h3{break-after:avoid}tr,li{break-inside:avoid}thead{display:table-header-group}")
            .Append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:.2em .4em;text-align:left;vertical-align:top}")
            .Append("@media print{body{margin:0;max-width:none}}</style></head><body>\n")
            .Append("<p style=\"text-align:center\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập – Tự do – Hạnh phúc</p>\n")
            .Append("<h1>BIÊN BẢN</h1><h2>").Append(E(KindName(m.Kind))).Append(": ").Append(E(m.Title)).Append("</h2>\n")
            .Append("<p><b>Thời gian:</b> ngày ").Append(m.Date.ToString("dd/MM/yyyy")).Append("<br><b>Địa điểm:</b> ").Append(E(m.Place))
            .Append("<br><b>Chủ trì:</b> ").Append(E(m.Chair)).Append("</p>\n");

        html.Append("<h3>I. Thành phần tham dự</h3><table><thead><tr><th>Đại biểu</th><th>Tham dự</th></tr></thead>");
        foreach (var a in m.Attendance) html.Append("<tr><td>").Append(E(a.Name)).Append("</td><td>").Append(E(PresenceName(a))).Append("</td></tr>");
        html.Append("</table>\n<h3>II. Nội dung</h3><ol>");
        foreach (var item in m.Agenda) html.Append("<li>").Append(E(item)).Append("</li>");
        html.Append("</ol>\n<h3>III. Ý kiến, kiến nghị của doanh nghiệp</h3><ol>");
        foreach (var d in m.Difficulties)
            html.Append("<li><b>").Append(E(d.EnterpriseName)).Append(":</b> ").Append(E(d.Text)).Append(" <i>(").Append(E(ResponseName(d))).Append(")</i></li>");
        html.Append("</ol>\n<h3>IV. Kết luận của chủ trì</h3><ol>");
        foreach (var c in m.Conclusions) html.Append("<li>").Append(E(c.Text)).Append("</li>");
        html.Append("</ol>\n");
        if (m.MinutesSummary is { } summary) html.Append("<p>").Append(E(summary)).Append("</p>\n");
        html.Append("<h3>V. Phân công thực hiện</h3><table><thead><tr><th>Nhiệm vụ</th><th>Đơn vị thực hiện</th><th>Thời hạn</th></tr></thead>");
        foreach (var i in items)
            html.Append("<tr><td>").Append(E(i.Title)).Append("</td><td>").Append(E($"{AssigneeKindName(i.Assignee.Kind)}: {i.Assignee.Name}"))
                .Append("</td><td>").Append(i.Deadline.ToString("dd/MM/yyyy")).Append("</td></tr>");
        html.Append("</table>\n");
        if (m.Amendments.Count > 0)
        {
            html.Append("<h3>VI. Sửa đổi, bổ sung biên bản</h3><ol>");
            foreach (var a in m.Amendments)
                html.Append("<li>").Append(E(a.Change)).Append(" <i>(Lý do: ").Append(E(a.Reason)).Append("; ngày ")
                    .Append(a.AmendedAt.ToOffset(Platform.BuildingBlocks.Domain.DepartmentClock.Offset).ToString("dd/MM/yyyy")).Append(")</i></li>");
            html.Append("</ol>\n");
        }
        html.Append("<p>Biên bản được công bố ngày ").Append(m.MinutesPublishedOn?.ToString("dd/MM/yyyy") ?? "").Append(".</p>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>HTML-encodes the five significant characters and leaves Vietnamese letters readable (NFC, UTF-8).</summary>
    public static string E(string? text) => (text ?? "")
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
