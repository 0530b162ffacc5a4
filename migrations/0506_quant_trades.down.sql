-- 0506_quant_trades (down)

drop table quant.trades;
