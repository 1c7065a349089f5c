-- mart_feed_health: one row per feed: its latest poll, failure streak, schedule and health.
-- A feed is unhealthy after 3 failed polls in a row (news_etl.polling.UNHEALTHY_AFTER_FAILURES);
-- it is then polled less often (next_poll_at) instead of at full rate.
-- pages_<status>: the feed's fetched pages by extraction status (news_etl.extract.STATUSES);
-- a page listed by two feeds counts for both.
with ranked_poll as (
    select
        fp.*,
        row_number() over (partition by fp.feed_id order by fp.batch_id desc) as recency
    from feed_poll fp
    where fp.outcome <> 'skipped'
),
latest_poll as (
    select * from ranked_poll where recency = 1
),
entry_count as (
    select feed_id, count(*) as entries_total from feed_entry group by feed_id
),
article_count as (
    select feed_id, count(*) as articles_total from article group by feed_id
),
page_status as (
    select
        fe.feed_id,
        sum(case when rp.extract_status = 'ok' then 1 else 0 end) as pages_ok,
        sum(case when rp.extract_status = 'empty' then 1 else 0 end) as pages_empty,
        sum(case when rp.extract_status = 'not_article' then 1 else 0 end) as pages_not_article,
        sum(case when rp.extract_status = 'paywalled' then 1 else 0 end) as pages_paywalled,
        sum(case when rp.extract_status = 'blocked' then 1 else 0 end) as pages_blocked,
        sum(case when rp.extract_status = 'js_required' then 1 else 0 end) as pages_js_required,
        sum(case when rp.extract_status = 'too_large' then 1 else 0 end) as pages_too_large,
        sum(case when rp.extract_status = 'error' then 1 else 0 end) as pages_error,
        sum(case when rp.extract_status is null then 1 else 0 end) as pages_pending
    from (select distinct feed_id, url from feed_entry) fe
    join raw_page rp on rp.url = fe.url
    group by fe.feed_id
)
select
    f.feed_id,
    f.name as feed_name,
    s.name as source_name,
    f.url as feed_url,
    (f.consecutive_failures < 3) as is_healthy,
    f.consecutive_failures,
    f.unchanged_polls,
    f.last_polled_at,
    f.next_poll_at,
    lp.batch_id as last_poll_batch_id,
    lp.outcome as last_outcome,
    lp.http_status as last_http_status,
    lp.error_class as last_error_class,
    lp.error_message as last_error_message,
    lp.bozo as last_bozo_reason,
    coalesce(ec.entries_total, 0) as entries_total,
    coalesce(ac.articles_total, 0) as articles_total,
    coalesce(ps.pages_ok, 0) as pages_ok,
    coalesce(ps.pages_empty, 0) as pages_empty,
    coalesce(ps.pages_not_article, 0) as pages_not_article,
    coalesce(ps.pages_paywalled, 0) as pages_paywalled,
    coalesce(ps.pages_blocked, 0) as pages_blocked,
    coalesce(ps.pages_js_required, 0) as pages_js_required,
    coalesce(ps.pages_too_large, 0) as pages_too_large,
    coalesce(ps.pages_error, 0) as pages_error,
    coalesce(ps.pages_pending, 0) as pages_pending
from feed f
join source s on s.source_id = f.source_id
left join latest_poll lp on lp.feed_id = f.feed_id
left join entry_count ec on ec.feed_id = f.feed_id
left join article_count ac on ac.feed_id = f.feed_id
left join page_status ps on ps.feed_id = f.feed_id
