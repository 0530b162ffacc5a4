-- 0503_quant_factor_scores: multi-factor scores and signals per ticker and calculation date; hypertable on
-- calculation_date, 1-month chunks (seed 004 §2.3, §5.1–5.3).
--
-- Differences from the seed:
--   * the default time index is not created (create_default_indexes => false): idx_factor_date_signal
--     (calculation_date desc, signal) leads with the same column and serves every query the default index would;
--   * idx_factor_ticker_date (ticker, region, calculation_date desc) is not created: it is the primary key;
--   * idx_factor_total_score (total_score desc) where signal = 'BUY' is not created: idx_factor_buy_signals
--     (calculation_date desc, total_score desc) where signal = 'BUY' (seed §5.3) has the same predicate and is what
--     the seed's query 8.1/2 ("top BUY signals of a day") needs;
--   * chk_factor_total_score: the seed's `abs(total - (l1 + l2 + l3)) < 0.01` on numeric(5,2) columns only accepts
--     exact equality (every difference is a multiple of 0.01), so a total rounded from unrounded layer scores is
--     rejected. The tolerance is 0.02 (three rounded addends + one rounded total, 0.005 each). NULL passes;
--   * score ranges (total 0–100, seed's validation query §9.2; layers 0–25/0–45/0–30 from the seed's layer
--     comments) and signal in ('BUY', 'WATCH', 'AVOID') (seed's column comment) are checked;
--   * FK to tickers keeps the seed's ON DELETE CASCADE: scores are derived data, recomputable.

create table quant.factor_scores (
    ticker                    varchar(20)   not null,
    region                    varchar(5)    not null,
    calculation_date          date          not null,

    -- layer 1: macro (25 points)
    market_regime_score       numeric(5, 2),
    volume_profile_score      numeric(5, 2),
    price_action_score        numeric(5, 2),
    layer1_total              numeric(5, 2),

    -- layer 2: structural (45 points)
    stage_analysis_score      numeric(5, 2),
    moving_average_score      numeric(5, 2),
    relative_strength_score   numeric(5, 2),
    layer2_total              numeric(5, 2),

    -- layer 3: micro (30 points)
    pattern_recognition_score numeric(5, 2),
    volume_spike_score        numeric(5, 2),
    momentum_score            numeric(5, 2),
    layer3_total              numeric(5, 2),

    -- overall
    total_score               numeric(5, 2),
    signal                    varchar(10),

    -- individual factors (value, momentum, quality, low-vol, size)
    pe_ratio                  numeric(10, 4),
    pb_ratio                  numeric(10, 4),
    momentum_12m              numeric(10, 4),
    rsi_factor                numeric(10, 4),
    roe                       numeric(10, 4),
    debt_equity               numeric(10, 4),
    volatility_factor         numeric(10, 4),
    market_cap_factor         numeric(10, 4),

    calculation_metadata      jsonb,
    last_updated              timestamptz   default now(),

    constraint factor_scores_pkey primary key (ticker, region, calculation_date),
    constraint fk_factor_scores_ticker foreign key (ticker, region)
        references quant.tickers (ticker, region) on delete cascade,
    constraint chk_factor_total_score
        check (abs(total_score - (layer1_total + layer2_total + layer3_total)) <= 0.02),
    constraint chk_factor_total_score_range check (total_score between 0 and 100),
    constraint chk_factor_layer1_range check (layer1_total between 0 and 25),
    constraint chk_factor_layer2_range check (layer2_total between 0 and 45),
    constraint chk_factor_layer3_range check (layer3_total between 0 and 30),
    constraint chk_factor_signal check (signal in ('BUY', 'WATCH', 'AVOID'))
);

select create_hypertable('quant.factor_scores', by_range('calculation_date', interval '1 month'),
                         create_default_indexes => false);

create index idx_factor_date_signal on quant.factor_scores (calculation_date desc, signal);
create index idx_factor_metadata on quant.factor_scores using gin (calculation_metadata);
create index idx_factor_buy_signals on quant.factor_scores (calculation_date desc, total_score desc)
    where signal = 'BUY';

comment on table quant.factor_scores is 'Multi-factor analysis scores and signals (hypertable on calculation_date, 1-month chunks)';
comment on column quant.factor_scores.total_score is 'layer1_total + layer2_total + layer3_total (0–100; checked within rounding)';
comment on column quant.factor_scores.signal is 'BUY, WATCH or AVOID';
