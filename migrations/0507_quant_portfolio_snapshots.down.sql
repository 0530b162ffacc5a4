-- 0507_quant_portfolio_snapshots (down)

drop table quant.portfolio_snapshots;
