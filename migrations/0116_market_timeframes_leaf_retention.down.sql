-- 0116_market_timeframes_leaf_retention (down)
alter table market.timeframes drop column drop_leaves_after;
