-- Version 10 runs after 0002: versions are numbers.
insert into golden values (1, 'ES');
