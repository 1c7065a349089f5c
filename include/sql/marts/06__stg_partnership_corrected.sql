-- stg_partnership_corrected: one row per partnership not rejected by an analyst, with the
-- analyst's type where one was set. Corrections are keyed by article, so they survive
-- reruns and reclassification (which may give the partnership a new id).
select
    p.partnership_id,
    p.article_id,
    coalesce(
        (select max(c.partnership_type) from analyst_correction c
          where c.action = 'set_type' and c.article_id = p.article_id),
        p.partnership_type
    ) as partnership_type,
    p.partnership_type as classified_type,
    p.confidence,
    p.evidence,
    p.classifier_version,
    p.batch_id
from partnership p
where not exists (
    select 1 from analyst_correction c
    where c.action = 'reject_partnership' and c.article_id = p.article_id
)
