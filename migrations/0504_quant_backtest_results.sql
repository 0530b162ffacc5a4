-- 0504_quant_backtest_results: one row per backtest simulation; hypertable on simulation_date, 3-month chunks
-- (seed 004 §2.4). Retention 5 years: registered in platform.retention_policies by 0510.
--
-- Differences from the seed: hypertable created with the current API; the default time index
-- (simulation_date desc) is kept — none of the seed's indexes leads with simulation_date; added checks
-- end_date >= start_date and non-negative trade counts (winning + losing <= total).
-- The primary key (backtest_id, simulation_date) already contains the time column, as a hypertable requires.

create table quant.backtest_results (
    backtest_id          serial,
    strategy_name        varchar(100)   not null,
    region               varchar(5)     not null,
    simulation_date      timestamptz    not null,
    start_date           date           not null,
    end_date             date           not null,
    initial_capital      numeric(18, 2),
    final_capital        numeric(18, 2),
    total_return         numeric(10, 6),
    annual_return        numeric(10, 6),
    sharpe_ratio         numeric(10, 4),
    sortino_ratio        numeric(10, 4),
    max_drawdown         numeric(10, 6),
    win_rate             numeric(10, 6),
    total_trades         integer,
    winning_trades       integer,
    losing_trades        integer,
    avg_win              numeric(18, 4),
    avg_loss             numeric(18, 4),

    -- configuration
    strategy_params      jsonb,
    rebalance_frequency  varchar(20),
    transaction_cost_bps numeric(6, 2),

    -- trade log
    trades               jsonb,

    last_updated         timestamptz    default now(),

    constraint backtest_results_pkey primary key (backtest_id, simulation_date),
    constraint chk_backtest_period check (end_date >= start_date),
    constraint chk_backtest_trade_counts
        check (total_trades >= 0 and winning_trades >= 0 and losing_trades >= 0
               and winning_trades + losing_trades <= total_trades)
);

select create_hypertable('quant.backtest_results', by_range('simulation_date', interval '3 months'));

create index idx_backtest_strategy on quant.backtest_results (strategy_name, region, simulation_date desc);
create index idx_backtest_sharpe on quant.backtest_results (sharpe_ratio desc);
create index idx_backtest_params on quant.backtest_results using gin (strategy_params);

comment on table quant.backtest_results is 'Backtesting simulation results (hypertable on simulation_date, 3-month chunks; 5-year retention)';
comment on column quant.backtest_results.trades is 'Trade log of the simulation as JSON';
