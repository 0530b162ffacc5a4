-- 0101_market_symbols (down)
drop table market.symbols;
