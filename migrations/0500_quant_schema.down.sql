-- 0500_quant_schema (down): drops the (by now empty) quant schema; its default privileges go with it.

drop schema quant;
