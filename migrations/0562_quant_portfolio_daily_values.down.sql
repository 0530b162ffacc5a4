-- 0562_quant_portfolio_daily_values (down)
-- schema:no-transaction

drop materialized view if exists quant.portfolio_daily_values;
