namespace DisclosurePortal.Domain;

/// <summary>An illegal move or an invariant broken in the domain. The message is Chinese, shown to users.</summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }
    public DomainException(string message, Exception inner) : base(message, inner) { }
    public DomainException() { }
}

/// <summary>A figure that can never be stored (negative, fractional count, too many decimals, unknown cell).</summary>
public sealed class InvalidFigureException : DomainException
{
    public InvalidFigureException(string cellKey, string message) : base(message) => CellKey = cellKey;
    public InvalidFigureException() { CellKey = ""; }
    public InvalidFigureException(string message) : base(message) { CellKey = ""; }
    public InvalidFigureException(string message, Exception inner) : base(message, inner) { CellKey = ""; }

    public string CellKey { get; }
}
