-- 0106_market_create_timeframe_table (down)
drop procedure market.create_timeframe_table(integer);
drop function market.indicator_type(text);
