-- 0010_platform_updated_at: platform.set_updated_at(), the trigger function that keeps `updated_at` current.
--
-- Why: seeds 001 (Prisma `@updatedAt`) and 002 (SQLAlchemy `onupdate=`) keep `updated_at` in the client library;
-- neither has a database equivalent, so any write that does not go through that library (raw SQL, psql, another
-- service, a bulk `update`) leaves a stale value. Every table with an `updated_at` column gets
--   create trigger <table>_set_updated_at before update on <schema>.<table>
--       for each row execute function platform.set_updated_at();
-- in the migration that creates the table (trading, manager). The column itself is `not null default now()`, so
-- inserts need no trigger.
--
-- now() is the transaction start time: every row touched by one transaction gets the same stamp, which is what
-- `updated_at` comparisons across a batch expect (clock_timestamp() would differ row by row).

create function platform.set_updated_at()
returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

comment on function platform.set_updated_at() is
    'Trigger function (before update, for each row): sets new.updated_at to now(); used by every table with updated_at';
