-- 0401_workspace_order_history (down): seed 003's DOWN migration without BEGIN/COMMIT and `if exists`: drop the
-- indexes in reverse order, then the hypertable (its chunks go with it). The seed's `drop table … cascade` is a
-- plain drop here: nothing may depend on order_history silently.

drop index workspace.idx_order_history_event_data;
drop index workspace.idx_order_history_timestamp;
drop index workspace.idx_order_history_event_type;
drop index workspace.idx_order_history_order_id;

drop table workspace.order_history;
