-- 0120_market_refresh_session_gaps (down)
drop procedure market.refresh_session_gaps(text, timestamptz, bigint);
