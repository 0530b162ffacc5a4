namespace Schema.Cli;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a synchronisation context).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
