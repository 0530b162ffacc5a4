-- 0561_quant_factor_monthly_performance (down)
-- schema:no-transaction

drop materialized view if exists quant.factor_monthly_performance;
