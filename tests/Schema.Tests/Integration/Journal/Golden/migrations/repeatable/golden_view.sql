create or replace view golden_symbols as select distinct symbol from golden;
