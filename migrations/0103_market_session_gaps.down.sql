-- 0103_market_session_gaps (down)
drop table market.session_gaps;
