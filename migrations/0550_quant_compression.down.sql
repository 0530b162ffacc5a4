-- 0550_quant_compression (down): removes the compression policies, decompresses every compressed chunk (compression
-- cannot be switched off while compressed chunks exist) and switches compression off, in reverse order.

select remove_compression_policy('quant.portfolio_snapshots', if_exists => true);
select decompress_chunk(c, if_compressed => true) from show_chunks('quant.portfolio_snapshots') c;
alter table quant.portfolio_snapshots set (timescaledb.compress = false);

select remove_compression_policy('quant.backtest_results', if_exists => true);
select decompress_chunk(c, if_compressed => true) from show_chunks('quant.backtest_results') c;
alter table quant.backtest_results set (timescaledb.compress = false);

select remove_compression_policy('quant.factor_scores', if_exists => true);
select decompress_chunk(c, if_compressed => true) from show_chunks('quant.factor_scores') c;
alter table quant.factor_scores set (timescaledb.compress = false);

select remove_compression_policy('quant.ohlcv_data', if_exists => true);
select decompress_chunk(c, if_compressed => true) from show_chunks('quant.ohlcv_data') c;
alter table quant.ohlcv_data set (timescaledb.compress = false);
