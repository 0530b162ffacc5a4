-- A table and its owner's comment ($team$ is substituted).
create table golden (id bigint primary key, symbol text not null);
comment on table golden is 'owned by $team$';
