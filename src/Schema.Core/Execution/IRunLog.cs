namespace Schema.Core.Execution;

/// <summary>Where the engine reports progress. The CLI prints it; tests collect it.</summary>
public interface IRunLog
{
    void Info(string message);
    void Warn(string message);
}
