-- The trading calendar of 2026 for the exchanges of the seeded symbols (CME, NYMEX), from their session times in
-- market.symbols: one session per weekday, from 17:00 the day before to 16:00 (America/Chicago, so UTC times follow
-- daylight saving). Holidays (no session: start = end, 0 minutes): New Year's Day, Good Friday, Thanksgiving,
-- Christmas. Half days (close 12:15 Chicago): the day after Thanksgiving, Christmas Eve.
-- Re-runnable: on conflict do nothing (a calendar row once written is not changed by the seed).
with days as (
    select d::date as session_date
      from generate_series(date '2026-01-01', date '2026-12-31', interval '1 day') d
     where extract(isodow from d) < 6),
exchanges as (
    select distinct on (exchange) exchange, session_start_time, session_end_time, timezone
      from market.symbols
     where exchange in ('CME', 'NYMEX')
     order by exchange, symbol),
special (session_date, is_holiday, is_half_day, notes) as (
    values (date '2026-01-01', true, false, 'New Year''s Day'),
           (date '2026-04-03', true, false, 'Good Friday'),
           (date '2026-11-26', true, false, 'Thanksgiving'),
           (date '2026-11-27', false, true, 'Day after Thanksgiving: early close 12:15'),
           (date '2026-12-24', false, true, 'Christmas Eve: early close 12:15'),
           (date '2026-12-25', true, false, 'Christmas Day')),
sessions as (
    select d.session_date, e.exchange, coalesce(s.is_holiday, false) as is_holiday,
           coalesce(s.is_half_day, false) as is_half_day, s.notes,
           ((d.session_date - 1) + e.session_start_time::time) at time zone e.timezone as session_start,
           (d.session_date + case when s.is_half_day then time '12:15' else e.session_end_time::time end)
               at time zone e.timezone as session_end
      from days d
      cross join exchanges e
      left join special s on s.session_date = d.session_date)
insert into market.trading_sessions (session_date, exchange, session_start, session_end, total_minutes, is_half_day, is_holiday, notes)
select session_date, exchange,
       session_start,
       case when is_holiday then session_start else session_end end,
       case when is_holiday then 0 else (extract(epoch from session_end - session_start) / 60)::smallint end,
       is_half_day, is_holiday, notes
  from sessions
on conflict (exchange, session_date) do nothing;
