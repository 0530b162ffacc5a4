-- measure 7: the ten nearest decisions by cosine distance (what the application asks)
select d.id from trading.decisions d order by d.embedding operator(public.<=>) $1::public.vector limit 10
