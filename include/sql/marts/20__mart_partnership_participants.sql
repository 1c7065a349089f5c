-- mart_partnership_participants: one row per party to a published partnership
-- (its batch and its article's batch both passed the quality gate), after analysts' corrections.
select
    pp.partnership_id,
    o.org_id,
    o.name as organization_name,
    o.org_type,
    pp.role,
    o.country_code,
    pp.mention,
    p.partnership_type,
    a.published_at,
    a.first_seen_at,
    p.batch_id
from stg_partnership_party pp
join stg_partnership_corrected p on p.partnership_id = pp.partnership_id
join pipeline_run r on r.batch_id = p.batch_id and r.status = 'published'
join organization o on o.org_id = pp.org_id
join article a on a.article_id = p.article_id
join pipeline_run ar on ar.batch_id = a.batch_id and ar.status = 'published'
