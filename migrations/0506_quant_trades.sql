-- 0506_quant_trades: trade execution history (seed 004 §2.6, §5.1–5.2).
--
-- Differences from the seed:
--   * FK to tickers is ON DELETE RESTRICT, not cascade: trade history is an audit record and must not disappear
--     with a ticker row;
--   * trade_type is checked against the seed's comment ('BUY', 'SELL'); total_amount and commission >= 0;
--   * idx_trades_ticker_region also serves the foreign key (deletes on tickers probe it).

create table quant.trades (
    trade_id            serial         primary key,
    ticker              varchar(20)    not null,
    region              varchar(5)     not null,
    trade_date          date           not null,
    trade_type          varchar(10)    not null,
    quantity            integer        not null,
    price               numeric(18, 4) not null,
    total_amount        numeric(18, 2) not null,
    commission          numeric(18, 4),
    slippage_bps        numeric(6, 2),

    -- strategy context
    strategy_name       varchar(100),
    signal_source       varchar(50),
    entry_reason        text,

    -- performance tracking
    realized_pnl        numeric(18, 4),
    realized_pnl_pct    numeric(10, 6),
    hold_days           integer,

    -- metadata
    order_id            varchar(50),
    execution_timestamp timestamptz    default now(),
    notes               text,

    last_updated        timestamptz    default now(),

    constraint fk_trades_ticker foreign key (ticker, region)
        references quant.tickers (ticker, region) on delete restrict,
    constraint chk_trades_quantity check (quantity > 0),
    constraint chk_trades_price check (price > 0),
    constraint chk_trades_type check (trade_type in ('BUY', 'SELL')),
    constraint chk_trades_total_amount check (total_amount >= 0),
    constraint chk_trades_commission check (commission >= 0)
);

create index idx_trades_ticker_region on quant.trades (ticker, region, trade_date desc);
create index idx_trades_date on quant.trades (trade_date desc);
create index idx_trades_type on quant.trades (trade_type);
create index idx_trades_strategy on quant.trades (strategy_name);

comment on table quant.trades is 'Trade execution history and performance tracking';
comment on column quant.trades.trade_type is 'BUY or SELL';
