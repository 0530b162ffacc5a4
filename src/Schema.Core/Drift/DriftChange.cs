namespace Schema.Core.Drift;

/// <summary>One object added (<c>+</c>), removed (<c>-</c>) or changed (<c>~</c>) on the target, e.g. <c>+ index market.foo_idx</c>.</summary>
public sealed record DriftChange(char Change, string Kind, string Name)
{
    public override string ToString() => $"{Change} {Kind} {Name}";
}
