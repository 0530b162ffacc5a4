-- 0104_market_timeframes (down)
drop table market.timeframes;
