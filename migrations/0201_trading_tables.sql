-- 0201_trading_tables: seed 001's initial Prisma migration — the enum types and the twelve tables of the trading
-- bot, their indexes, updated_at triggers and comments. (The vector index is 0203; the seed's second migration,
-- trailing_stop_pct, is 0202.)
--
-- Departures from seed 001, and why:
--  * Table names: Prisma models "Order", "Position", … become snake_case plural tables (orders, positions, …; map
--    them with @@map in the Prisma schema). The model TradingSession becomes trading.bot_sessions, so that it is not
--    confused with market.trading_sessions (seed 000: exchange sessions/calendar), which is something else.
--  * Types: String → text, Float → double precision, Int → integer, BigInt → bigint, Boolean → boolean,
--    Json → jsonb, String[] → text[] not null default '{}' (a Prisma scalar list cannot be null),
--    DateTime → timestamptz. Prisma's default for DateTime is timestamp(3) WITHOUT time zone: the client writes UTC,
--    but psql, other services and `now()` in a session with another TimeZone write local wall-clock time into the
--    same column, silently shifting instants. timestamptz stores the instant. (Prisma: @db.Timestamptz.)
--  * Ids: text primary keys with a database default gen_random_uuid()::text. Prisma's @default(cuid()) is
--    generated in the client only, so the seed's raw-SQL inserts (and any non-Prisma writer) would fail with a null
--    id; with the database default they get a uuid string, and Prisma's cuid strings still fit the text column.
--    (Prisma: @default(dbgenerated("gen_random_uuid()::text")) if the client should rely on it too.)
--  * updated_at: Prisma's @updatedAt is client-side and the column has no default in Prisma's SQL. Here it is
--    `not null default now()` and a trigger (platform.set_updated_at, 0010) refreshes it on every update.
--  * Enums keep the seed's values and spelling (lowercase for orders, UPPERCASE for decisions/activity).
--  * Indexes the seed declares that duplicate another index are not created:
--      positions @@index([symbol])              — the unique constraint on symbol is already that btree;
--      bars @@index([symbol,timeframe,timestamp]) — identical to the @@unique constraint's index;
--      orders @@index([symbol])                 — prefix of idx_orders_symbol_status (symbol, status);
--      decisions @@index([symbol])              — prefix of idx_decisions_symbol_action (symbol, action).
--    The seed's raw-SQL extra indexes (idx_orders_symbol_status, idx_decisions_symbol_action,
--    idx_bars_symbol_timestamp) keep their names.
--  * news_articles @@index([symbols]): Prisma makes a btree on the array, which only serves equality of the whole
--    array; `symbols @> array['AAPL']` / `&&` need a GIN index, which is what is created.

-- ---------------------------------------------------------------------------------------------------------------
-- enum types
-- ---------------------------------------------------------------------------------------------------------------

create type trading.order_side as enum
    ('buy', 'sell', 'buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close');

create type trading.order_type as enum
    ('market', 'limit', 'stop', 'stop_limit', 'trailing_stop');

create type trading.time_in_force as enum
    ('day', 'gtc', 'ioc', 'fok', 'opg', 'cls');

create type trading.order_status as enum
    ('new', 'partially_filled', 'filled', 'done_for_day', 'canceled', 'expired', 'replaced', 'pending_cancel',
     'pending_replace', 'accepted', 'pending_new', 'accepted_for_bidding', 'stopped', 'rejected', 'suspended',
     'calculated');

create type trading.asset_class as enum
    ('us_equity', 'us_option', 'crypto');

create type trading.position_side as enum
    ('long', 'short');

create type trading.managed_position_status as enum
    ('active', 'monitoring', 'stop_loss_triggered', 'take_profit_triggered', 'closed', 'error');

create type trading.decision_action as enum
    ('BUY', 'SELL', 'HOLD', 'CLOSE', 'ADJUST');

create type trading.activity_type as enum
    ('TRADE', 'ANALYSIS', 'DECISION', 'ERROR', 'INFO', 'WARNING', 'SYSTEM');

comment on type trading.order_side is 'Order side (broker vocabulary, seed 001 OrderSide)';
comment on type trading.order_type is 'Order type (seed 001 OrderType)';
comment on type trading.time_in_force is 'Time in force (seed 001 TimeInForce)';
comment on type trading.order_status is 'Broker order status (seed 001 OrderStatus)';
comment on type trading.asset_class is 'Asset class of a position (seed 001 AssetClass)';
comment on type trading.position_side is 'Long or short position (seed 001 PositionSide)';
comment on type trading.managed_position_status is 'Lifecycle of a bot-managed position (seed 001 ManagedPositionStatus)';
comment on type trading.decision_action is 'Action taken by a bot decision (seed 001 DecisionAction)';
comment on type trading.activity_type is 'Kind of activity log entry (seed 001 ActivityType)';

-- ---------------------------------------------------------------------------------------------------------------
-- trading
-- ---------------------------------------------------------------------------------------------------------------

create table trading.orders (
    id               text                  not null default gen_random_uuid()::text,
    client_order_id  text,
    symbol           text                  not null,
    qty              double precision      not null,
    side             trading.order_side    not null,
    type             trading.order_type    not null,
    time_in_force    trading.time_in_force not null,
    status           trading.order_status  not null,
    filled_qty       double precision      not null default 0,
    filled_avg_price double precision,
    limit_price      double precision,
    stop_price       double precision,
    extended_hours   boolean               not null default false,
    submitted_at     timestamptz,
    filled_at        timestamptz,
    canceled_at      timestamptz,
    failed_at        timestamptz,
    created_at       timestamptz           not null default now(),
    updated_at       timestamptz           not null default now(),
    constraint orders_pkey primary key (id),
    constraint orders_client_order_id_key unique (client_order_id)
);

create index orders_status_idx on trading.orders (status);
create index orders_created_at_idx on trading.orders (created_at);
create index idx_orders_symbol_status on trading.orders (symbol, status);

create trigger orders_set_updated_at before update on trading.orders
    for each row execute function platform.set_updated_at();

comment on table trading.orders is 'Broker orders placed by the bot, mirrored with their fill state (seed 001 Order)';
comment on column trading.orders.client_order_id is 'Idempotency key sent to the broker; unique when present';
comment on column trading.orders.updated_at is 'Last change; maintained by trigger orders_set_updated_at';

create table trading.positions (
    id                       text                  not null default gen_random_uuid()::text,
    symbol                   text                  not null,
    asset_id                 text,
    exchange                 text,
    asset_class              trading.asset_class   not null,
    qty                      double precision      not null,
    avg_entry_price          double precision      not null,
    current_price            double precision,
    market_value             double precision,
    cost_basis               double precision      not null,
    unrealized_pl            double precision,
    unrealized_plpc          double precision,
    unrealized_intraday_pl   double precision,
    unrealized_intraday_plpc double precision,
    side                     trading.position_side not null,
    created_at               timestamptz           not null default now(),
    updated_at               timestamptz           not null default now(),
    constraint positions_pkey primary key (id),
    constraint positions_symbol_key unique (symbol)
);

create index positions_asset_class_idx on trading.positions (asset_class);

create trigger positions_set_updated_at before update on trading.positions
    for each row execute function platform.set_updated_at();

comment on table trading.positions is 'Open broker positions, one per symbol, as last synchronised from the broker (seed 001 Position)';
comment on column trading.positions.asset_id is 'Broker asset id (text, not a foreign key)';
comment on column trading.positions.updated_at is 'Last change; maintained by trigger positions_set_updated_at';

create table trading.managed_positions (
    id                text                            not null default gen_random_uuid()::text,
    symbol            text                            not null,
    qty               double precision                not null,
    entry_price       double precision                not null,
    entry_order_id    text,
    stop_loss_pct     double precision                not null,
    take_profit_pct   double precision                not null,
    stop_loss_price   double precision                not null,
    take_profit_price double precision                not null,
    trailing_stop     boolean                         not null default false,
    status            trading.managed_position_status not null,
    current_price     double precision,
    unrealized_pl     double precision,
    unrealized_plpc   double precision,
    closed_price      double precision,
    closed_reason     text,
    exit_order_id     text,
    created_at        timestamptz                     not null default now(),
    updated_at        timestamptz                     not null default now(),
    closed_at         timestamptz,
    constraint managed_positions_pkey primary key (id)
);

create index managed_positions_symbol_idx on trading.managed_positions (symbol);
create index managed_positions_status_idx on trading.managed_positions (status);
create index managed_positions_created_at_idx on trading.managed_positions (created_at);

create trigger managed_positions_set_updated_at before update on trading.managed_positions
    for each row execute function platform.set_updated_at();

comment on table trading.managed_positions is
    'Positions the bot manages with stop-loss / take-profit (and optional trailing stop) exits (seed 001 ManagedPosition)';
comment on column trading.managed_positions.entry_order_id is 'trading.orders.id (or broker order id) of the entry; not enforced, as in the seed';
comment on column trading.managed_positions.exit_order_id is 'trading.orders.id (or broker order id) of the exit; not enforced, as in the seed';
comment on column trading.managed_positions.updated_at is 'Last change; maintained by trigger managed_positions_set_updated_at';

-- ---------------------------------------------------------------------------------------------------------------
-- market data cache
-- ---------------------------------------------------------------------------------------------------------------

create table trading.bars (
    id          text             not null default gen_random_uuid()::text,
    symbol      text             not null,
    timeframe   text             not null,
    "timestamp" timestamptz      not null,
    open        double precision not null,
    high        double precision not null,
    low         double precision not null,
    close       double precision not null,
    volume      bigint           not null,
    vwap        double precision,
    trade_count integer,
    created_at  timestamptz      not null default now(),
    constraint bars_pkey primary key (id),
    constraint bars_symbol_timeframe_timestamp_key unique (symbol, timeframe, "timestamp")
);

create index idx_bars_symbol_timestamp on trading.bars (symbol, "timestamp" desc);

comment on table trading.bars is 'OHLCV bars fetched from the market data API, one per (symbol, timeframe, timestamp) (seed 001 Bar)';
comment on column trading.bars.timeframe is 'Bar timeframe as the data API names it, e.g. 1Min, 1Hour, 1Day';

create table trading.quotes (
    id          text             not null default gen_random_uuid()::text,
    symbol      text             not null,
    "timestamp" timestamptz      not null,
    bid_price   double precision not null,
    bid_size    integer          not null,
    ask_price   double precision not null,
    ask_size    integer          not null,
    conditions  text[]           not null default '{}',
    tape        text,
    created_at  timestamptz      not null default now(),
    constraint quotes_pkey primary key (id)
);

create index quotes_symbol_timestamp_idx on trading.quotes (symbol, "timestamp");

comment on table trading.quotes is 'Top-of-book quotes fetched from the market data API (seed 001 Quote)';

create table trading.snapshots (
    id             text        not null default gen_random_uuid()::text,
    symbol         text        not null,
    latest_trade   jsonb,
    latest_quote   jsonb,
    minute_bar     jsonb,
    daily_bar      jsonb,
    prev_daily_bar jsonb,
    created_at     timestamptz not null default now(),
    constraint snapshots_pkey primary key (id)
);

create index snapshots_symbol_idx on trading.snapshots (symbol);

comment on table trading.snapshots is 'Market snapshots (latest trade/quote, minute and daily bars) as returned by the data API (seed 001 Snapshot)';

-- ---------------------------------------------------------------------------------------------------------------
-- intelligence and analysis
-- ---------------------------------------------------------------------------------------------------------------

create table trading.news_articles (
    id           text             not null default gen_random_uuid()::text,
    source       text             not null,
    title        text             not null,
    url          text             not null,
    author       text,
    published_at timestamptz      not null,
    content      text,
    summary      text,
    symbols      text[]           not null default '{}',
    sentiment    double precision,
    relevance    double precision,
    created_at   timestamptz      not null default now(),
    constraint news_articles_pkey primary key (id),
    constraint news_articles_url_key unique (url)
);

create index news_articles_published_at_idx on trading.news_articles (published_at);
create index news_articles_source_idx on trading.news_articles (source);
create index news_articles_symbols_idx on trading.news_articles using gin (symbols);

comment on table trading.news_articles is 'News articles collected for sentiment, one per url (seed 001 NewsArticle)';
comment on column trading.news_articles.symbols is 'Tickers the article mentions; GIN-indexed for symbols @> array[...] / && queries';

create table trading.stock_analyses (
    id                 text             not null default gen_random_uuid()::text,
    symbol             text             not null,
    current_price      double precision not null,
    technical_analysis jsonb            not null,
    news_sentiment     jsonb,
    options_flow       jsonb,
    ai_recommendation  jsonb            not null,
    analyzed_at        timestamptz      not null default now(),
    created_at         timestamptz      not null default now(),
    constraint stock_analyses_pkey primary key (id)
);

create index stock_analyses_symbol_analyzed_at_idx on trading.stock_analyses (symbol, analyzed_at);

comment on table trading.stock_analyses is
    'Per-symbol analysis runs: technicals, news sentiment, options flow and the AI recommendation (seed 001 StockAnalysis)';

-- ---------------------------------------------------------------------------------------------------------------
-- vector search and memory
-- ---------------------------------------------------------------------------------------------------------------

create table trading.decisions (
    id             text                    not null default gen_random_uuid()::text,
    symbol         text                    not null,
    action         trading.decision_action not null,
    strategy       text                    not null,
    reasoning      text                    not null,
    market_context text,
    confidence     double precision,
    entry_price    double precision,
    qty            double precision,
    stop_loss      double precision,
    take_profit    double precision,
    result_pct     double precision,
    result_dollars double precision,
    embedding      vector(768),
    created_at     timestamptz             not null default now(),
    constraint decisions_pkey primary key (id)
);

create index decisions_action_idx on trading.decisions (action);
create index decisions_strategy_idx on trading.decisions (strategy);
create index decisions_created_at_idx on trading.decisions (created_at);
create index idx_decisions_symbol_action on trading.decisions (symbol, action);

comment on table trading.decisions is
    'Bot decisions with their reasoning, outcome and a 768-dim embedding for similarity search (seed 001 Decision)';
comment on column trading.decisions.embedding is 'Embedding of "symbol action reasoning" (768 dims); cosine distance, HNSW index (0203)';

-- ---------------------------------------------------------------------------------------------------------------
-- activity log, configuration, sessions
-- ---------------------------------------------------------------------------------------------------------------

create table trading.activity_log (
    id         text                  not null default gen_random_uuid()::text,
    type       trading.activity_type not null,
    message    text                  not null,
    metadata   jsonb,
    created_at timestamptz           not null default now(),
    constraint activity_log_pkey primary key (id)
);

create index activity_log_type_idx on trading.activity_log (type);
create index activity_log_created_at_idx on trading.activity_log (created_at);

comment on table trading.activity_log is 'Human-readable log of what the bot did (trades, analyses, errors) (seed 001 ActivityLog)';

create table trading.system_config (
    key        text        not null,
    value      jsonb       not null,
    updated_at timestamptz not null default now(),
    constraint system_config_pkey primary key (key)
);

create trigger system_config_set_updated_at before update on trading.system_config
    for each row execute function platform.set_updated_at();

comment on table trading.system_config is 'Bot configuration, one jsonb value per key, e.g. max_position_size (seed 001 SystemConfig)';
comment on column trading.system_config.updated_at is 'Last change; maintained by trigger system_config_set_updated_at';

create table trading.bot_sessions (
    id           text             not null default gen_random_uuid()::text,
    started_at   timestamptz      not null default now(),
    ended_at     timestamptz,
    total_trades integer          not null default 0,
    total_pnl    double precision not null default 0,
    win_rate     double precision,
    metadata     jsonb,
    constraint bot_sessions_pkey primary key (id)
);

create index bot_sessions_started_at_idx on trading.bot_sessions (started_at);

comment on table trading.bot_sessions is
    'Runs of the trading bot with their totals (seed 001 TradingSession, renamed: not market.trading_sessions)';
