namespace Schema.Core.Fleet;

public enum TargetState { Succeeded, Failed, Skipped }
