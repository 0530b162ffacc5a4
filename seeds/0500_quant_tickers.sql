-- Development data for the quant schema (seed 004): a few tickers in two regions, so factor scores, portfolio
-- rows and trades can reference them (foreign keys to quant.tickers). Re-runnable.
insert into quant.tickers (ticker, region, market, sector, industry, market_cap, listed_date, metadata)
values
    ('005930', 'KR', 'KOSPI', 'Information Technology', 'Semiconductors', 400000000000000, '1975-06-11', '{"name": "Samsung Electronics", "currency": "KRW"}'),
    ('000660', 'KR', 'KOSPI', 'Information Technology', 'Semiconductors', 90000000000000, '1996-12-26', '{"name": "SK hynix", "currency": "KRW"}'),
    ('AAPL', 'US', 'NASDAQ', 'Information Technology', 'Technology Hardware', 3000000000000, '1980-12-12', '{"name": "Apple", "currency": "USD"}'),
    ('SPY', 'US', 'NYSE Arca', null, 'ETF', null, '1993-01-22', '{"name": "SPDR S&P 500 ETF", "currency": "USD"}')
on conflict (ticker, region) do nothing;
