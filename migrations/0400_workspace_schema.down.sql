-- 0400_workspace_schema (down): drops the (by now empty) workspace schema; its default privileges go with it.

drop schema workspace;
