-- Development data from seed 001 (prisma/seed.ts): the bot's position-size limit and two example decisions.
-- Re-runnable: fixed keys, on conflict do nothing. The example decisions have no embedding (the seed's
-- generateEmbedding() calls an external model); vector search tests make their own vectors.
insert into trading.system_config (key, value)
values ('max_position_size', '{"pct": 0.15}')
on conflict (key) do nothing;

insert into trading.decisions (id, symbol, action, strategy, reasoning, result_pct, result_dollars)
values
    ('seed-spy-momentum', 'SPY', 'BUY', 'momentum',
     'Strong bullish momentum with RSI at 45, breaking above 50-day SMA', 3.2, 320),
    ('seed-qqq-mean-reversion', 'QQQ', 'SELL', 'mean_reversion',
     'Overbought on RSI (75), taking profit at resistance', 2.8, 280)
on conflict (id) do nothing;
