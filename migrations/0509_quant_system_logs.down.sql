-- 0509_quant_system_logs (down)

drop table quant.system_logs;
