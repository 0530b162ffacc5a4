-- 0509_quant_system_logs: application event log; hypertable on "timestamp", 1-month chunks (seed 004 §2.9, §5.3).
-- Retention 1 year: registered in platform.retention_policies by 0510.
--
-- Differences from the seed (same reasons as 0508_quant_api_logs):
--   * hypertable (the seed's add_retention_policy on a plain table fails, TS001);
--   * primary key (log_id, "timestamp") (TS103); log_id bigserial;
--   * idx_system_logs_timestamp not created (default time index system_logs_timestamp_idx);
--   * idx_system_logs_level (log_level) where log_level in ('ERROR', 'CRITICAL') not created: idx_system_logs_errors
--     has the same predicate;
--   * log_level checked against the seed's comment ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL').

create table quant.system_logs (
    log_id         bigserial    not null,
    timestamp      timestamptz  not null default now(),
    log_level      varchar(20)  not null,
    module         varchar(100),
    message        text         not null,
    exception_type varchar(100),
    stack_trace    text,
    context        jsonb,

    last_updated   timestamptz  default now(),

    constraint system_logs_pkey primary key (log_id, timestamp),
    constraint chk_system_logs_level check (log_level in ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'))
);

select create_hypertable('quant.system_logs', by_range('timestamp', interval '1 month'));

create index idx_system_logs_module on quant.system_logs (module);
create index idx_system_logs_errors on quant.system_logs (timestamp desc, module)
    where log_level in ('ERROR', 'CRITICAL');

comment on table quant.system_logs is 'System event logs for debugging and monitoring (hypertable on timestamp, 1-month chunks; 1-year retention)';
