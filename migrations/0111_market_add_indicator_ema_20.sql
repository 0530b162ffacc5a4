-- 0111_market_add_indicator_ema_20: the 20-period EMA on every timeframe.
--
-- Why: seed 000's example of a new indicator (ema_20 in "Adding a New Indicator Column"), which there means editing
-- every timeframe model by hand. Here it is one call; the column reaches every market.ohlcv_{N}m table and every
-- partition, and timeframes added later get it from market.indicator_columns.

call market.add_indicator_column('ema_20', 'double precision');
