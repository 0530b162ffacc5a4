-- measure 8, side B: pg_partman's maintenance, committing after each parent (run_maintenance() would hold every
-- new leaf's locks in one transaction)
call partman.run_maintenance_proc()
