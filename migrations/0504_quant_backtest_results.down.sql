-- 0504_quant_backtest_results (down)

drop table quant.backtest_results;
