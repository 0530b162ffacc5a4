-- 0505_quant_portfolio: current holdings, one row per (ticker, region) (seed 004 §2.5, §5.1–5.3).
--
-- Differences from the seed:
--   * chk_portfolio_quantity is `quantity >= 0`, not the seed's `> 0`: the seed is inconsistent — it also defines
--     the partial index idx_portfolio_open_positions `where quantity > 0`, filters `quantity > 0` in its sector
--     query and counts only `quantity < 0` as invalid in its validation query. With `> 0` that predicate is always
--     true; with `>= 0` a closed position (quantity 0) may stay until cleaned up and the partial index covers open
--     positions only;
--   * FK to tickers is ON DELETE RESTRICT, not cascade: an open position must not vanish because a ticker row was
--     deleted;
--   * checks: avg_buy_price >= 0, weight between 0 and 1 (NULL passes).

create table quant.portfolio (
    portfolio_id           serial         primary key,
    ticker                 varchar(20)    not null,
    region                 varchar(5)     not null,
    quantity               integer        not null,
    avg_buy_price          numeric(18, 4) not null,
    current_price          numeric(18, 4),
    unrealized_pnl         numeric(18, 4),
    unrealized_pnl_pct     numeric(10, 6),
    position_value         numeric(18, 2),
    weight                 numeric(10, 6),

    -- risk management
    stop_loss_price        numeric(18, 4),
    take_profit_price      numeric(18, 4),
    trailing_stop_distance numeric(10, 6),

    -- metadata
    entry_date             date           not null,
    entry_signal           varchar(50),
    last_rebalance_date    date,
    notes                  text,

    last_updated           timestamptz    default now(),

    constraint portfolio_ticker_region_key unique (ticker, region),
    constraint fk_portfolio_ticker foreign key (ticker, region)
        references quant.tickers (ticker, region) on delete restrict,
    constraint chk_portfolio_quantity check (quantity >= 0),
    constraint chk_portfolio_avg_buy_price check (avg_buy_price >= 0),
    constraint chk_portfolio_weight check (weight between 0 and 1)
);

create index idx_portfolio_region on quant.portfolio (region);
create index idx_portfolio_weight on quant.portfolio (weight desc);
create index idx_portfolio_pnl on quant.portfolio (unrealized_pnl_pct desc);
create index idx_portfolio_open_positions on quant.portfolio (ticker, region, weight desc) where quantity > 0;

comment on table quant.portfolio is 'Current portfolio holdings and positions (quantity 0 = closed position)';
