-- 0113_market_apply_indicator_updates (down)
drop procedure market.apply_indicator_updates(integer, regclass, text[], integer, interval, bigint);
