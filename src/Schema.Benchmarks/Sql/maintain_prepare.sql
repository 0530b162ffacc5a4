-- measure 8, side A: every symbol's data starts $1 months before the current UTC month, so market.maintain creates
-- the months from there to now + p_months_ahead
update market.symbols
   set first_available_date = (pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'UTC')
                               - pg_catalog.make_interval(months => $1))::date
