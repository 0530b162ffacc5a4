-- 0003_platform_roles (down): drops what this database got — the procedure and the grants on the platform schema.
-- The roles are cluster-wide and used by other databases on the server: they are NOT dropped.

drop procedure platform.grant_schema_defaults(name);

revoke usage on schema platform from platform_app, platform_readonly;
