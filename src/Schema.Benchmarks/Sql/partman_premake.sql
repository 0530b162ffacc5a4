-- measure 8, side B: pg_partman keeps $1 months ahead of the current one, which run_maintenance then creates
update partman.part_config set premake = $1
