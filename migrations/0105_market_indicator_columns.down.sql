-- 0105_market_indicator_columns (down)
drop table market.indicator_columns;
