namespace Schema.Core.Execution;

public enum ScriptState { Applied, Pending, Deferred, Changed, Renamed, Missing, Partial }
