using DisclosurePortal.Domain.Exchange.Reading;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>
/// Imports a published annual report from its text: the text front-end (<see cref="TextSource"/>) and the one
/// matcher every reader shares (<see cref="ReportMatcher"/>). Totals are taken as printed, so that the rules
/// judge them. The first problem in document order refuses the whole import.
/// </summary>
public static class TextReportImporter
{
    public static ReadResult Import(string text) => ReportMatcher.Match(TextSource.Read(text));
}
