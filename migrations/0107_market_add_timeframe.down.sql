-- 0107_market_add_timeframe (down)
drop procedure market.drop_timeframe(integer);
drop procedure market.add_timeframe(integer);
