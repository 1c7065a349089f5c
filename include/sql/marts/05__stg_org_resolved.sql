-- stg_org_resolved: one row per organisation with the organisation it counts as once the
-- analysts' merges (analyst_correction.action = 'merge_organization') are applied.
select
    o.org_id,
    coalesce(
        (select max(m.into_org_id) from analyst_correction m
          where m.action = 'merge_organization' and m.org_id = o.org_id),
        o.org_id
    ) as resolved_org_id
from organization o
