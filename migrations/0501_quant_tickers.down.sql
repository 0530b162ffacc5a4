-- 0501_quant_tickers (down)

drop table quant.tickers;
