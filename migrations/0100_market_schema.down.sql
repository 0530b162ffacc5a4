-- 0100_market_schema (down): drops the schema. The grants and default privileges made by
-- platform.grant_schema_defaults('market') belong to the schema and disappear with it. `drop schema` without
-- cascade: it fails if a later market script was not reverted first.

drop schema market;
