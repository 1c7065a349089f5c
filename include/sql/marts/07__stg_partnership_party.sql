-- stg_partnership_party: one row per party to a partnership after the analysts' corrections:
-- removed parties dropped, added parties included, merged organisations resolved (two parties
-- merged into one organisation become one row).
with party as (
    select pp.partnership_id, r.resolved_org_id as org_id, pp.role, pp.mention
    from partnership_participant pp
    join partnership p on p.partnership_id = pp.partnership_id
    join stg_org_resolved r on r.org_id = pp.org_id
    where not exists (
        select 1 from analyst_correction c
        where c.action = 'remove_participant' and c.article_id = p.article_id and c.org_id = pp.org_id
    )
    union all
    select p.partnership_id, r.resolved_org_id as org_id, o.org_type as role, null as mention
    from analyst_correction c
    join partnership p on p.article_id = c.article_id
    join organization o on o.org_id = c.org_id
    join stg_org_resolved r on r.org_id = c.org_id
    where c.action = 'add_participant'
)
select partnership_id, org_id, min(role) as role, min(mention) as mention
from party
group by partnership_id, org_id
