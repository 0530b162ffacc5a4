-- 0401_workspace_order_history: workspace.order_history, the order lifecycle event log of seed 003's migration
-- template (backend/api/workspace/migrations/003_add_order_history.sql): a hypertable with monthly chunks,
-- primary key (id, timestamp), a check on event_type, indexes on order_id/event_type/timestamp and a GIN index on
-- event_data, and comments.
--
-- The table, constraints, indexes and comments are the seed's. Departures, and why:
--  * No BEGIN/COMMIT: the runner wraps every script in its own transaction.
--  * No `if not exists` / `if_not_exists => true`: the runner journals applied scripts, so this one runs exactly
--    once; `if not exists` would only hide a pre-existing table of a different shape.
--  * create_hypertable uses the by_range() form (TimescaleDB >= 2.13; the seed's positional form is deprecated).
--    '1 month' is stored by TimescaleDB 2.19 as a fixed 30-day chunk interval (interval '1 month' = '30 days' in
--    PostgreSQL comparisons); chunks are not aligned on calendar months.
--  * create_default_indexes => false. create_hypertable would add its own order_history_timestamp_idx on
--    (timestamp desc) — exactly the seed's idx_order_history_timestamp, created a few lines later: two identical
--    indexes, each costing every insert. The seed's explicitly named index is kept (its documentation lists it)
--    and TimescaleDB's default one is not created.
--  * event_type stays varchar(50), as in the seed. TimescaleDB 2.19 prints a WARNING ("column type character varying
--    … does not follow best practices", hint: text) when the hypertable is created; it is expected and harmless —
--    the check constraint, not the length, is what restricts the values.
--  * Lowercase SQL and the COMMENT ON TABLE/COLUMN statements as in the seed, plus comments on the other columns.

create table workspace.order_history (
    id          uuid        default gen_random_uuid(),
    order_id    uuid        not null,
    event_type  varchar(50) not null
        check (event_type in ('CREATED', 'SUBMITTED', 'FILLED', 'PARTIALLY_FILLED', 'CANCELED', 'REJECTED', 'FAILED')),
    event_data  jsonb       not null default '{}',
    "timestamp" timestamptz not null default now(),
    metadata    jsonb       default '{}',
    primary key (id, "timestamp")
);

select create_hypertable(
    'workspace.order_history',
    by_range('timestamp', interval '1 month'),
    create_default_indexes => false
);

create index idx_order_history_order_id
    on workspace.order_history (order_id, "timestamp" desc);

create index idx_order_history_event_type
    on workspace.order_history (event_type);

create index idx_order_history_timestamp
    on workspace.order_history ("timestamp" desc);

-- GIN index for jsonb containment (event_data @> '{"symbol": "PETR4"}')
create index idx_order_history_event_data
    on workspace.order_history using gin (event_data);

comment on table workspace.order_history is 'Order lifecycle events and state transitions';
comment on column workspace.order_history.order_id is 'Order the event belongs to (order id of the order service; not a foreign key)';
comment on column workspace.order_history.event_type is 'Type of order event';
comment on column workspace.order_history.event_data is 'Event payload (prices, quantities, etc.)';
comment on column workspace.order_history."timestamp" is 'When the event happened; hypertable partitioning column (1-month chunks)';
comment on column workspace.order_history.metadata is 'Context of the event (source service, user, correlation ids)';
