-- 0020_platform_retention (down): drops the retention procedure and table. Every schema that registered rows has
-- already deleted them in its own down script.

drop procedure platform.apply_retention();

drop table platform.retention_policies;
