-- measure 8 (base database): Debian's postgresql-17-partman, in its own schema as its documentation installs it
create schema partman;
create extension pg_partman schema partman;
