using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Tests.Format;

/// <summary>The "table/row/column" key of a cell, as stored in jsonb, posted by the form and written in CSV headers.</summary>
public sealed class CellRefTests
{
    [Theory]
    [InlineData("t3/2/natural", "t3", "2", "natural")]
    [InlineData("t4/1/fee", "t4", "1", "fee")]
    public void A_key_parses_into_its_three_parts_the_same_every_time(string key, string table, string row, string column)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True(CellRef.TryParse(key, out var cell));
            Assert.Equal(new CellRef(table, row, column), cell);
            Assert.Equal(key, cell.ToString());
        }
    }

    [Fact]
    public void Cells_are_equal_exactly_when_all_three_parts_are_and_equal_cells_hash_alike()
    {
        // Parts built at run time, so that equality cannot rest on the same string instances.
        var a = new CellRef("t3", "3_" + 7, "natural");
        var b = new CellRef(string.Concat("t", "3"), "3_7", new string("natural".ToCharArray()));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new CellRef("t3", "3_7", "Natural"));
        Assert.NotEqual(a, new CellRef("t2", "3_7", "natural"));
        Assert.NotEqual(a, new CellRef("t3", "3_8", "natural"));
        Assert.Equal(default, new CellRef(null!, null!, null!));
        var set = new HashSet<CellRef> { a };
        Assert.Contains(b, set);
    }

    [Fact]
    public void The_format_finds_each_cell_by_its_key_as_by_its_cell()
    {
        var format = Format2021.Definition;
        foreach (var cell in format.Cells)
        {
            Assert.True(format.TryGetCell(new string(cell.Key.ToCharArray()), out var byKey));
            Assert.Same(cell, byKey);
            Assert.True(CellRef.TryParse(cell.Key, out var parsed));
            Assert.True(format.TryGetCell(parsed, out var byCell));
            Assert.Same(cell, byCell);
        }
        Assert.False(format.TryGetCell("t3/99/natural", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t3/2")]
    [InlineData("t3/2/natural/x")]
    [InlineData("t3//natural")]
    [InlineData("t3/ /natural")]
    public void A_malformed_key_is_refused(string? key) => Assert.False(CellRef.TryParse(key, out _));
}
