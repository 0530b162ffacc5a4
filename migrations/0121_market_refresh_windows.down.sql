-- 0121_market_refresh_windows (down)
drop procedure market.refresh_windows(text, timestamptz, timestamptz, bigint);
