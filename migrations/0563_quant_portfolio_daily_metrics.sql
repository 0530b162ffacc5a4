-- 0563_quant_portfolio_daily_metrics: plain view with the 30-day moving averages and 60-day volatility of seed
-- 004 §4.3, over the continuous aggregate quant.portfolio_daily_values (0562).
-- schema:requires timescaledb-license=timescale
--
-- Why a plain view: window functions are not allowed in a continuous aggregate; over the (small: one row per day)
-- materialized aggregate they are cheap. Windows count rows (days with a snapshot), as in the seed: ma30 = the last
-- 30 snapshots, volatility_60d = sample standard deviation of the last 60 daily returns. A WHERE on `day` in a query
-- over this view is applied after the window functions, so the first rows of a filtered range still average over
-- earlier days. Gated because its source only exists on the Community edition.

create view quant.portfolio_daily_metrics as
select v.day,
       v.total_value,
       v.cash,
       v.invested_value,
       v.unrealized_pnl,
       v.daily_return,
       v.cumulative_return,
       avg(v.total_value) over w30     as ma30_value,
       avg(v.daily_return) over w30    as ma30_return,
       stddev(v.daily_return) over w60 as volatility_60d
from quant.portfolio_daily_values v
window w30 as (order by v.day rows between 29 preceding and current row),
       w60 as (order by v.day rows between 59 preceding and current row);

comment on view quant.portfolio_daily_metrics is
    'Daily portfolio values with 30-day moving averages and 60-day volatility (window functions over portfolio_daily_values)';
