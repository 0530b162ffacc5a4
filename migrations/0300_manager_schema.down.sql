-- 0300_manager_schema (down): drops the (by now empty) manager schema; its default privileges go with it.

drop schema manager;
