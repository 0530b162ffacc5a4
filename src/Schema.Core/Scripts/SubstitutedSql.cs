namespace Schema.Core.Scripts;

public sealed record SubstitutedSql(string Text, IReadOnlyList<Replacement> Replacements)
{
    /// <summary>Maps an offset in <see cref="Text"/> back to the offset in the original script.</summary>
    public int ToSourceOffset(int outputOffset)
    {
        var delta = 0;
        foreach (var r in Replacements)
        {
            if (outputOffset < r.OutputOffset) break;
            if (outputOffset < r.OutputOffset + r.OutputLength) return r.SourceOffset;
            delta = r.SourceOffset + r.SourceLength - (r.OutputOffset + r.OutputLength);
        }
        return outputOffset + delta;
    }
}
