using System.Text;

namespace DisclosurePortal.Domain.Tests;

public sealed class VisibleTextTests
{
    [Theory]
    [InlineData("\u200B\uFEFF\u2060\u3164\u115F")]
    [InlineData(" \u3000\r\n\t")]
    [InlineData("")]
    public void Text_of_only_invisible_characters_and_whitespace_is_blank(string text) =>
        Assert.True(VisibleText.IsBlank(text));

    [Theory]
    [InlineData("\u200B本机关\u200B")]
    [InlineData("0")]
    public void Text_with_one_visible_character_is_not_blank(string text) => Assert.False(VisibleText.IsBlank(text));

    [Fact]
    public void Stripping_keeps_the_visible_characters_and_spaces_and_drops_the_invisible_ones() =>
        Assert.Equal("某某 县\n政府", VisibleText.StripInvisible("\uFEFF某\u200B某 县\n\u2060政府\u3164"));

    [Theory]
    [InlineData("钱店镇人民政府", 7, "钱店镇人民政府")]
    [InlineData("钱店镇人民政府", 4, "钱店镇…")]
    [InlineData("𫗧𫗧𫗧", 4, "𫗧…")]   // U+2B5E7 is two UTF-16 units: the cut falls inside the second, which goes whole
    public void Shorten_cuts_with_an_ellipsis_and_never_inside_a_character(string text, int max, string expected)
    {
        var shortened = VisibleText.Shorten(text, max);
        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
        Assert.DoesNotContain(shortened.EnumerateRunes(), r => r == Rune.ReplacementChar);
    }
}
