-- $1 active symbols S01, S02, … (measures 8 and 9)
insert into market.symbols (symbol, name, exchange, is_active)
select pg_catalog.format('S%s', pg_catalog.lpad(g::text, 2, '0')), 'benchmark symbol', 'CME', true
  from pg_catalog.generate_series(1, $1) g
