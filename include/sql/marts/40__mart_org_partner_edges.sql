-- mart_org_partner_edges: one row per pair of organisations that are parties to the same
-- published partnership (the partnership network), with how often and since when.
with party as (
    select partnership_id, org_id, organization_name, coalesce(published_at, first_seen_at) as seen_at
    from mart_partnership_participants
)
select
    a.org_id as org_a_id,
    a.organization_name as org_a_name,
    b.org_id as org_b_id,
    ob.name as org_b_name,
    count(distinct a.partnership_id) as partnership_count,
    min(a.seen_at) as first_seen_at,
    max(a.seen_at) as last_seen_at
from party a
    -- b: the other parties of a's (published) partnership, so published too. Not party joined
    -- to itself: SQLite scans such a derived set once per row (quadratic, issue 9), whereas
    -- it looks b up here by partnership_id. Indented, so the data dictionary leaves it out.
join stg_partnership_party b on b.partnership_id = a.partnership_id and a.org_id < b.org_id
join organization ob on ob.org_id = b.org_id
group by a.org_id, a.organization_name, b.org_id, ob.name
