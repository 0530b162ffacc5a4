-- 0505_quant_portfolio (down)

drop table quant.portfolio;
