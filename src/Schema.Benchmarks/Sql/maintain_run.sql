-- measure 8, side A: what `schema maintain --months-ahead 2` calls (autocommit: it commits after every step)
call market.maintain(p_months_ahead => 2)
