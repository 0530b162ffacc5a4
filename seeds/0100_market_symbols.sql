-- Reference data for the market schema (source 000): the three futures the source uses (ES, NQ, CL) with exchange,
-- tick size, session times (CME Globex: 17:00 to 16:00 the next day, Chicago time) and time zone, and their partitions
-- for every timeframe from 12 months ago to 2 months ahead. Re-runnable: the symbol rows are upserted (this file is
-- the reference), ensure_partitions_all is idempotent.
insert into market.symbols (symbol, name, exchange, asset_class, tick_size, lot_size, session_start_time, session_end_time, timezone)
values
    ('ES', 'E-mini S&P 500', 'CME', 'future', 0.25, 1, '17:00', '16:00', 'America/Chicago'),
    ('NQ', 'E-mini Nasdaq-100', 'CME', 'future', 0.25, 1, '17:00', '16:00', 'America/Chicago'),
    ('CL', 'Crude Oil', 'NYMEX', 'future', 0.01, 1, '17:00', '16:00', 'America/Chicago')
on conflict (symbol) do update
   set name = excluded.name, exchange = excluded.exchange, asset_class = excluded.asset_class,
       tick_size = excluded.tick_size, lot_size = excluded.lot_size, session_start_time = excluded.session_start_time,
       session_end_time = excluded.session_end_time, timezone = excluded.timezone;

call market.ensure_partitions_all('ES', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
call market.ensure_partitions_all('NQ', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
call market.ensure_partitions_all('CL', (date_trunc('month', current_date) - interval '12 months')::date, (date_trunc('month', current_date) + interval '2 months')::date);
