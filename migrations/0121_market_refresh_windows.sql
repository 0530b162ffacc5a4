-- 0121_market_refresh_windows: the N-minute rolling windows, computed in SQL from market.ohlcv_1m.
--
-- call market.refresh_windows('ES', '2024-03-04 00:00+00', '2024-03-04 23:59+00');
-- p_from .. p_to is the range of one-minute rows that changed (a load). For every registered timeframe N (1 included:
-- its rows get the session columns) the rows whose window contains a changed minute, i.e. t in
-- [p_from, p_to + (N - 1) min], are recomputed and upserted; rows already equal are left alone, so a rerun writes
-- nothing. Window rows in that range whose minute no longer exists in market.ohlcv_1m are deleted.
--
-- Definitions (seed 000, "Rolling Window Sampling": every minute produces a row, the 60-minute row at 10:45 covers
-- 9:45 to 10:45): the row at t exists when market.ohlcv_1m has a row at t and covers the one-minute rows in
-- (t - N min, t] by clock time (absent minutes are simply absent): open = first, high = max, low = min,
-- close = last, volume = sum, trade_count = sum, vwap = sum(vwap * volume) / sum(volume) over the minutes that have
-- a vwap (the one-minute vwap itself for N = 1); minute_index = floor(epoch minutes of t) mod N, so rows with the
-- same phase are exactly N minutes apart.
-- Session columns, from market.trading_sessions of the symbol's exchange (holidays excluded; a minute t belongs to
-- the session with session_start < t <= session_end, t being the end of the minute):
--   is_regular_session         t is inside a session;
--   minutes_into_session       minutes from the session start to t (1 for the opening bar), null outside;
--   window_spans_sessions      the first minute of the window is not in t's session (another one, or none);
--   has_gap_from_prior_session the window contains the first bar of t's session and market.session_gaps has a gap
--                              (direction up or down) for it — call market.refresh_session_gaps first (the loader does).
-- When open/high/low/close/volume of an existing row change, its indicator columns are reset to null so that
-- `schema indicators` recomputes them. The touched leaves are analyzed (statistics for the planner after bulk writes).
-- Everything runs in the caller's transaction. Identifiers go through format('%I'); the only values put in with %s
-- are integers (N); the symbol, range and exchange are parameters.

create procedure market.refresh_windows(
    p_symbol text,
    p_from timestamptz,
    p_to timestamptz,
    inout p_rows bigint default null)
language plpgsql
as $$
declare
    v_symbol   text := market.normalize_symbol(p_symbol);
    v_exchange text;
    v_minutes  integer;
    v_table    name;
    v_reset    text;
    v_vwap     text;
    v_rows     bigint;
    v_leaf     regclass;
begin
    p_rows := 0;
    if p_from is null or p_to is null or p_from > p_to then
        raise exception 'market.refresh_windows: need p_from <= p_to, got % .. %', p_from, p_to
            using errcode = 'invalid_parameter_value';
    end if;
    select s.exchange into v_exchange from market.symbols s where s.symbol = v_symbol;
    if not found then
        raise exception 'unknown symbol %: register it in market.symbols first', pg_catalog.quote_literal(v_symbol)
            using errcode = 'invalid_parameter_value';
    end if;

    select pg_catalog.string_agg(pg_catalog.format(
               '%1$I = case when (t.open, t.high, t.low, t.close, t.volume) is distinct from '
               '(excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume) then null else t.%1$I end',
               c.column_name), ', ' order by c.position)
      into v_reset
      from market.indicator_columns c;

    for v_minutes in select minutes from market.timeframes order by minutes loop
        v_table := pg_catalog.format('ohlcv_%sm', v_minutes);
        v_vwap := case when v_minutes = 1 then 'vwap' else
            'sum(vwap * volume) filter (where vwap is not null) over w'
            ' / nullif(sum(volume) filter (where vwap is not null) over w, 0)' end;

        execute pg_catalog.format($sql$
            delete from market.%1$I t
             where t.symbol = $1 and t."timestamp" >= $2 and t."timestamp" <= $3 + interval '%2$s minutes'
               and not exists (select from market.ohlcv_1m m where m.symbol = $1 and m."timestamp" = t."timestamp")
            $sql$, v_table, v_minutes - 1)
            using v_symbol, p_from, p_to;

        execute pg_catalog.format($sql$
            with sessions as (
                select s.session_date, s.session_start, s.session_end,
                       coalesce(g.gap_direction <> 'none', false) as has_gap,
                       (select min(m."timestamp") from market.ohlcv_1m m
                         where m.symbol = $1 and m."timestamp" > s.session_start
                           and m."timestamp" <= s.session_end) as first_bar
                  from market.trading_sessions s
                  left join market.session_gaps g on g.symbol = $1 and g.session_date = s.session_date
                 where s.exchange = $4 and not s.is_holiday
                   and s.session_end > $2 - interval '%2$s minutes'
                   and s.session_start <= $3 + interval '%2$s minutes'),
            minutes as (
                select m."timestamp", m.open, m.high, m.low, m.close, m.volume, m.trade_count, m.vwap,
                       s.session_date, s.session_start, s.has_gap, s.first_bar
                  from market.ohlcv_1m m
                  left join sessions s on m."timestamp" > s.session_start and m."timestamp" <= s.session_end
                 where m.symbol = $1 and m."timestamp" > $2 - interval '%2$s minutes'
                   and m."timestamp" <= $3 + interval '%3$s minutes'),
            windows as (
                select "timestamp", session_date, session_start, has_gap, first_bar,
                       first_value(open) over w as open, max(high) over w as high, min(low) over w as low,
                       last_value(close) over w as close, sum(volume) over w as volume,
                       sum(trade_count) over w as trade_count, %4$s as vwap,
                       first_value(session_date) over w is distinct from session_date as spans
                  from minutes
                window w as (order by "timestamp" range between interval '%3$s minutes' preceding and current row))
            insert into market.%1$I as t
                   ("timestamp", symbol, minute_index, open, high, low, close, volume, trade_count, vwap,
                    minutes_into_session, window_spans_sessions, is_regular_session, has_gap_from_prior_session)
            select "timestamp", $1,
                   pg_catalog.mod(pg_catalog.floor(pg_catalog.date_part('epoch', "timestamp") / 60)::bigint, %2$s)::smallint,
                   open, high, low, close, volume, trade_count::integer, vwap,
                   case when session_date is not null
                        then (pg_catalog.date_part('epoch', "timestamp" - session_start) / 60)::smallint end,
                   spans, session_date is not null,
                   coalesce(has_gap and first_bar > "timestamp" - interval '%2$s minutes', false)
              from windows
             where "timestamp" >= $2
            on conflict (symbol, "timestamp") do update
               set minute_index = excluded.minute_index, open = excluded.open, high = excluded.high,
                   low = excluded.low, close = excluded.close, volume = excluded.volume,
                   trade_count = excluded.trade_count, vwap = excluded.vwap,
                   minutes_into_session = excluded.minutes_into_session,
                   window_spans_sessions = excluded.window_spans_sessions,
                   is_regular_session = excluded.is_regular_session,
                   has_gap_from_prior_session = excluded.has_gap_from_prior_session%5$s
             where (t.minute_index, t.open, t.high, t.low, t.close, t.volume, t.trade_count, t.vwap,
                    t.minutes_into_session, t.window_spans_sessions, t.is_regular_session,
                    t.has_gap_from_prior_session)
                   is distinct from
                   (excluded.minute_index, excluded.open, excluded.high, excluded.low, excluded.close,
                    excluded.volume, excluded.trade_count, excluded.vwap, excluded.minutes_into_session,
                    excluded.window_spans_sessions, excluded.is_regular_session,
                    excluded.has_gap_from_prior_session)
            $sql$, v_table, v_minutes, v_minutes - 1, v_vwap, coalesce(', ' || v_reset, ''))
            using v_symbol, p_from, p_to, v_exchange;
        get diagnostics v_rows = row_count;
        p_rows := p_rows + v_rows;

        -- statistics for the planner after a bulk write: only the leaves this range touched
        for v_leaf in execute pg_catalog.format(
            'select distinct tableoid::regclass from market.%I where symbol = $1 and "timestamp" >= $2 '
            'and "timestamp" <= $3 + interval ''%s minutes''', v_table, v_minutes - 1)
            using v_symbol, p_from, p_to loop
            execute pg_catalog.format('analyze %s', v_leaf);
        end loop;
    end loop;
end
$$;

comment on procedure market.refresh_windows(text, timestamptz, timestamptz, bigint) is
    'Recomputes (upserts) the rolling-window rows of every timeframe whose window contains a one-minute row in [p_from, p_to], with the session columns; analyzes the touched leaves. See the script header for the definitions.';
