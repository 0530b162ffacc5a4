-- 0400_workspace_schema: the `workspace` schema (seed 003: the APPS-WORKSPACE database's `workspace` schema, here
-- holding order_history) and its default grants.
--
-- Why: seed 003 keeps each application in its own database (APPS-WORKSPACE, APPS-TPCAPITAL, …) with a schema of the
-- same name. Here the applications share one database and keep their own schema, granted through the platform roles
-- (platform.grant_schema_defaults, 0003).

create schema workspace;

call platform.grant_schema_defaults('workspace');

comment on schema workspace is 'Workspace application (seed 003): order lifecycle history (order_history hypertable)';
