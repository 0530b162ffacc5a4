-- 0563_quant_portfolio_daily_metrics (down)

drop view quant.portfolio_daily_metrics;
