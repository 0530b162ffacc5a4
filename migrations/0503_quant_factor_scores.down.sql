-- 0503_quant_factor_scores (down)

drop table quant.factor_scores;
