using System.Text;
using Schema.Core.Configuration;

namespace Schema.Cli;

/// <summary>
/// Wraps stdout/stderr so that no line the tool writes — parse errors, help, log lines, errors — carries a password:
/// whole lines are masked (a secret is never split across two writes) and passed on at each newline.
/// </summary>
internal sealed class MaskingWriter(TextWriter inner, Func<string?> knownPassword) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') EmitLine();
            else _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            var start = 0;
            for (var nl = value.IndexOf('\n'); nl >= 0; nl = value.IndexOf('\n', start))
            {
                _line.Append(value, start, nl - start);
                EmitLine();
                start = nl + 1;
            }
            _line.Append(value, start, value.Length - start);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }
    public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }
    public override Task WriteLineAsync() { WriteLine(); return Task.CompletedTask; }
    public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
    public override Task FlushAsync() { Flush(); return Task.CompletedTask; }

    /// <summary>Passes on completed lines only: a partial line waits for its end (or <see cref="Complete"/>).</summary>
    public override void Flush() => inner.Flush();

    /// <summary>Writes what is left of an unterminated last line.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_line.Length > 0) inner.Write(SecretMasking.Mask(_line.ToString(), knownPassword()));
            _line.Clear();
            inner.Flush();
        }
    }

    private void EmitLine()
    {
        inner.Write(SecretMasking.Mask(_line.ToString(), knownPassword()));
        inner.Write('\n');
        _line.Clear();
    }
}
