using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Reports;

/// <summary>What publication records once and for all: the time as stored, the body as named then, the code.</summary>
public class PublicationRecordTests
{
    // A tick below a microsecond: PostgreSQL keeps microseconds, so the stored time drops it.
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 1, 20, 9, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567);
    private static readonly Actor Clerk = new("clerk-1", "张三");
    private static readonly Actor Reviewer = new("reviewer-1", "李四");

    private static AnnualReport Published(Body body)
    {
        var report = AnnualReport.Start(body, 2024, Clerk, Now);
        var data = County2024;
        report.Current.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, Clerk, Now);
        report.Current.Submit(body.Kind, County2023, null, Clerk, Now);
        report.Current.Publish(Reviewer, Now);
        return report;
    }

    private static Body NewBody() =>
        new("linchuan", CountyName, BodyKind.CountyGovernment, new Region("330122", "临川县", RegionLevel.County, null));

    [Fact]
    public void Publication_time_is_kept_in_whole_microseconds_as_the_database_stores_it()
    {
        var published = Published(NewBody()).Current.PublishedAt!.Value;
        Assert.Equal(0, published.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(Now.ToUniversalTime().AddTicks(-7), published);
    }

    [Fact]
    public void The_verification_code_is_recorded_at_publication_and_is_that_of_the_json_form()
    {
        var report = Published(NewBody());
        Assert.Equal(VerificationCode.For(ReportDocument.From(report, report.Current)), report.Current.VerificationCode);
    }

    [Fact]
    public void Renaming_the_body_after_publication_changes_neither_the_published_document_nor_its_code()
    {
        var body = NewBody();
        var report = Published(body);
        var json = ReportJson.Serialize(ReportDocument.From(report, report.Current));
        var code = report.Current.VerificationCode;

        body.Change("临川区人民政府", BodyKind.CityGovernment, body.Region);

        Assert.Equal((CountyName, BodyKind.CountyGovernment), (report.Current.BodyName, report.Current.BodyKind));
        Assert.Equal(json, ReportJson.Serialize(ReportDocument.From(report, report.Current)));
        Assert.Equal(code, report.Current.VerificationCode);
        // The next revision is published under the new name.
        var correction = report.StartCorrection("更正表三", Clerk, Now);
        Assert.Equal("临川区人民政府", correction.BodyName);
    }

    [Fact]
    public void A_published_code_is_never_recorded_again()
    {
        var report = Published(NewBody());
        Assert.Throws<InvalidOperationException>(report.Current.RecordMissingVerificationCode);
    }
}
