-- The sessions a development sample covers: the last $1 non-holiday sessions of each active seeded symbol's exchange
-- that ended before now, oldest first, with the symbol's tick size.
select y.symbol::text, coalesce(y.tick_size, 0.01), s.session_date, s.session_start, s.session_end
  from market.symbols y
  cross join lateral (
      select t.session_date, t.session_start, t.session_end
        from market.trading_sessions t
       where t.exchange = y.exchange and not t.is_holiday and t.session_end <= pg_catalog.now()
       order by t.session_date desc
       limit $1) s
 where y.is_active
 order by y.symbol, s.session_date
