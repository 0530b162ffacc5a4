-- 0508_quant_api_logs (down)

drop table quant.api_logs;
