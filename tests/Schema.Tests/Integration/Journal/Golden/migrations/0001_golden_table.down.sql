drop table golden;
