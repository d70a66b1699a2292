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
}
