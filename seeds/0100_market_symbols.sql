-- Development data for the market schema (seed 000): the three futures the seed uses (ES, NQ, CL) and their
-- partitions for every timeframe from 12 months ago to 2 months ahead (re-runnable: ensure_partitions is idempotent).
insert into market.symbols (symbol, name, exchange, asset_class, tick_size, lot_size, session_start_time, session_end_time, timezone)
values
    ('ES', 'E-mini S&P 500', 'CME', 'future', 0.25, 1, '18:00', '17:00', 'America/Chicago'),
    ('NQ', 'E-mini Nasdaq-100', 'CME', 'future', 0.25, 1, '18:00', '17:00', 'America/Chicago'),
    ('CL', 'Crude Oil', 'NYMEX', 'future', 0.01, 1, '18:00', '17:00', 'America/Chicago')
on conflict (symbol) do nothing;

call market.ensure_partitions_all('ES', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
call market.ensure_partitions_all('NQ', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
call market.ensure_partitions_all('CL', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
