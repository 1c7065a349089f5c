-- mart_daily_ingestion: one row per batch (logical day) and source: what was ingested and
-- what failed. Operational: failed batches are listed too (batch_status says which).
select
    r.batch_id as batch_day,
    r.status as batch_status,
    s.source_id,
    s.name as source_name,
    (select count(*) from article a
      where a.batch_id = r.batch_id and a.source_id = s.source_id) as articles_new,
    (select count(*) from partnership p join article a on a.article_id = p.article_id
      where p.batch_id = r.batch_id and a.source_id = s.source_id) as partnerships,
    (select count(*) from feed_poll fp join feed f on f.feed_id = fp.feed_id
      where fp.batch_id = r.batch_id and f.source_id = s.source_id and fp.outcome = 'failed') as feeds_failed,
    (select count(*) from feed_poll fp join feed f on f.feed_id = fp.feed_id
      where fp.batch_id = r.batch_id and f.source_id = s.source_id) as feeds_polled
from pipeline_run r
cross join source s
