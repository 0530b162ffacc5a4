-- 0508_quant_api_logs: KIS API call log; hypertable on "timestamp", 1-month chunks (seed 004 §2.8, §5.3).
-- Retention 1 year: registered in platform.retention_policies by 0510.
--
-- Differences from the seed:
--   * hypertable: the seed creates a plain table and then calls add_retention_policy on it, which TimescaleDB
--     rejects (TS001: only hypertables and continuous aggregates have retention). Retention drops whole chunks;
--     1-month chunks keep at most ~13 months for a 1-year limit;
--   * primary key (log_id, "timestamp") instead of log_id alone: a hypertable's unique keys must contain the time
--     column (TS103);
--   * log_id is bigserial (seed: serial): a high-volume append-only log must not run out of 2^31 ids;
--   * idx_api_logs_timestamp ("timestamp" desc) is not created: it is the hypertable's default time index
--     (api_logs_timestamp_idx);
--   * idx_api_logs_success (success) where success = false is not created: idx_api_logs_failures
--     ("timestamp" desc, api_endpoint) has the same predicate (seed §5.3) and serves the same queries.

create table quant.api_logs (
    log_id           bigserial    not null,
    timestamp        timestamptz  not null default now(),
    api_endpoint     varchar(200) not null,
    region           varchar(5),
    request_params   jsonb,
    response_status  integer,
    response_time_ms integer,
    error_message    text,
    success          boolean,

    last_updated     timestamptz  default now(),

    constraint api_logs_pkey primary key (log_id, timestamp),
    constraint chk_api_logs_response_time check (response_time_ms >= 0)
);

select create_hypertable('quant.api_logs', by_range('timestamp', interval '1 month'));

create index idx_api_logs_endpoint on quant.api_logs (api_endpoint);
create index idx_api_logs_failures on quant.api_logs (timestamp desc, api_endpoint) where success = false;

comment on table quant.api_logs is 'KIS API call logs for monitoring and debugging (hypertable on timestamp, 1-month chunks; 1-year retention)';
