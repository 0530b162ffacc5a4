-- 0102_market_trading_sessions (down)
drop table market.trading_sessions;
