-- mart_partnerships: one row per published partnership, with its article and participants.
-- Only rows of batches that passed the quality gate (pipeline_run.status = 'published') are
-- shown: both the partnership's batch and the batch that stored its article must be published.
-- Analysts' corrections (analyst_correction) are applied: see the stg_ views.
with published_partnership as (
    select p.*
    from stg_partnership_corrected p
    join pipeline_run r on r.batch_id = p.batch_id and r.status = 'published'
    join article pa on pa.article_id = p.article_id
    join pipeline_run ar on ar.batch_id = pa.batch_id and ar.status = 'published'
),
participant_names as (
    select pp.partnership_id, string_agg(o.name, '; ') as participant_names, count(*) as participant_count
    from stg_partnership_party pp
    join organization o on o.org_id = pp.org_id
    group by pp.partnership_id
)
select
    p.partnership_id,
    p.partnership_type,
    p.confidence,
    p.evidence,
    p.classifier_version,
    a.article_id,
    a.title as article_title,
    a.canonical_url as article_url,
    s.name as source_name,
    a.published_at,
    a.first_seen_at,
    n.participant_names,
    n.participant_count,
    p.batch_id
from published_partnership p
join article a on a.article_id = p.article_id
join source s on s.source_id = a.source_id
left join participant_names n on n.partnership_id = p.partnership_id
