-- 0200_trading_schema (down): drops the (by now empty) trading schema. Its default privileges
-- (pg_default_acl rows for the schema) depend on it and go with it.

drop schema trading;
