-- 0111_market_add_indicator_ema_20 (down): removes the column (and its data) from every timeframe table.

call market.drop_indicator_column('ema_20');
