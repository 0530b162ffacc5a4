-- measure 8, side B: pg_partman keeps $1 months ahead of the current one, which run_maintenance then creates;
-- infinite_time_partitions: create them although the tables hold no rows (by default it waits for data)
update partman.part_config set premake = $1, infinite_time_partitions = true
