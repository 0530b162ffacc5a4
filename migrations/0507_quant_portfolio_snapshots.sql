-- 0507_quant_portfolio_snapshots: one snapshot of the whole portfolio per day; hypertable on snapshot_date,
-- 3-month chunks (seed 004 §2.7).
--
-- Differences from the seed: idx_portfolio_snapshots_date (snapshot_date desc) is not created, and neither is the
-- hypertable's default time index (create_default_indexes => false): the primary key (snapshot_date) is already a
-- unique index on the time column, scanned backwards for `order by snapshot_date desc` — both would be duplicates.
-- Added check: total_value, cash and invested_value are not negative.

create table quant.portfolio_snapshots (
    snapshot_date     date           not null,
    total_value       numeric(18, 2) not null,
    cash              numeric(18, 2) not null,
    invested_value    numeric(18, 2) not null,
    unrealized_pnl    numeric(18, 4),
    daily_return      numeric(10, 6),
    cumulative_return numeric(10, 6),
    positions         jsonb,
    sector_exposures  jsonb,
    region_exposures  jsonb,

    last_updated      timestamptz    default now(),

    constraint portfolio_snapshots_pkey primary key (snapshot_date),
    constraint chk_portfolio_snapshots_values check (total_value >= 0 and cash >= 0 and invested_value >= 0)
);

select create_hypertable('quant.portfolio_snapshots', by_range('snapshot_date', interval '3 months'),
                         create_default_indexes => false);

comment on table quant.portfolio_snapshots is 'Daily portfolio snapshots for performance analysis (hypertable on snapshot_date, 3-month chunks)';
