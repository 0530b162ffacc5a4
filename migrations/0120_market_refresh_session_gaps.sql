-- 0120_market_refresh_session_gaps: fills market.session_gaps from the one-minute rows.
--
-- call market.refresh_session_gaps('ES', '2024-03-04 00:00+00');
-- For every session of the symbol's exchange (market.trading_sessions, holidays excluded) that ends after p_from and
-- has one-minute rows: current_open = open of its first one-minute row, prior_close = close of the last one-minute
-- row at or before the session start (the price the market left off at), gap = current_open - prior_close,
-- gap_percent = 100 * gap / prior_close, direction up/down/none by sign. Upserted; rows already equal are left alone.
-- Why here and not in the loader: the rolling-window refresh (0121) reads the gaps for has_gap_from_prior_session,
-- so both derive from the same rows in the same transaction. A session is inside (session_start, session_end]:
-- a bar's timestamp is the end of its minute.

create procedure market.refresh_session_gaps(p_symbol text, p_from timestamptz, inout p_rows bigint default null)
language plpgsql
as $$
declare
    v_symbol   text := market.normalize_symbol(p_symbol);
    v_exchange text;
begin
    select s.exchange into v_exchange from market.symbols s where s.symbol = v_symbol;
    if not found then
        raise exception 'unknown symbol %: register it in market.symbols first', pg_catalog.quote_literal(v_symbol)
            using errcode = 'invalid_parameter_value';
    end if;

    insert into market.session_gaps as g
           (session_date, symbol, prior_close, current_open, gap_amount, gap_percent, gap_direction)
    select s.session_date, v_symbol, p.close, o.open, o.open - p.close,
           case when p.close <> 0 then 100 * (o.open - p.close) / p.close else 0 end,
           case when o.open > p.close then 'up' when o.open < p.close then 'down' else 'none' end
      from market.trading_sessions s
      cross join lateral (
          select m.open from market.ohlcv_1m m
           where m.symbol = v_symbol and m."timestamp" > s.session_start and m."timestamp" <= s.session_end
           order by m."timestamp" limit 1) o
      cross join lateral (
          select m.close from market.ohlcv_1m m
           where m.symbol = v_symbol and m."timestamp" <= s.session_start
           order by m."timestamp" desc limit 1) p
     where s.exchange = v_exchange and not s.is_holiday and s.session_end > p_from
    on conflict (symbol, session_date) do update
       set prior_close = excluded.prior_close, current_open = excluded.current_open,
           gap_amount = excluded.gap_amount, gap_percent = excluded.gap_percent,
           gap_direction = excluded.gap_direction
     where (g.prior_close, g.current_open) is distinct from (excluded.prior_close, excluded.current_open);
    get diagnostics p_rows = row_count;
    analyze market.session_gaps;
end
$$;

comment on procedure market.refresh_session_gaps(text, timestamptz, bigint) is
    'Upserts market.session_gaps for the symbol''s sessions ending after p_from: first open of the session vs the last close at or before its start.';
