namespace Schema.Core.Scripts;

public enum ScriptKind { Versioned, Repeatable }
