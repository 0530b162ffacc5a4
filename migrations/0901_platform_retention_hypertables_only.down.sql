-- 0901_platform_retention_hypertables_only (down)
drop trigger retention_policies_target_is_hypertable on platform.retention_policies;
drop function platform.check_retention_policy_target();
