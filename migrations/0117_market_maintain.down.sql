-- 0117_market_maintain (down)
drop procedure market.maintain(integer, boolean, interval, integer, jsonb);
drop function market.leaf_bounds(regclass);
