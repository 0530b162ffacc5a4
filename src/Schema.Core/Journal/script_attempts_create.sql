-- Started no-transaction scripts, kept apart from the journal: DbUp counts every journal row as applied, and a
-- no-transaction script that started but did not finish is not applied. A row lives from the script's first
-- statement until it is journaled; one left behind means a crash, a failure or an interruption part-way.
create table if not exists {table} (
    scriptname varchar(255) primary key,
    checksum text not null,
    started timestamp not null,
    statement integer not null,
    statements integer not null,
    line integer not null,
    error text,
    started_by text not null
);
comment on table {table} is 'No-transaction scripts started and not journaled (written by the schema runner)';
