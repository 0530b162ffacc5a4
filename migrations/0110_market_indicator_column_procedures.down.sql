-- 0110_market_indicator_column_procedures (down)
drop procedure market.drop_indicator_column(text);
drop procedure market.add_indicator_column(text, text);
