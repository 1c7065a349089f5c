-- mart_partnership_stories: one row per story announcing a published partnership; a story is one
-- announcement however many outlets carried it (article_story, MinHash near-duplicates), so
-- counting rows counts each partnership announcement once. The story's partnership is taken from
-- its most confident article; article_count/source_count say how widely it was carried.
with story_partnership as (
    select
        coalesce(s.story_id, p.article_id) as story_id,
        p.*,
        row_number() over (
            partition by coalesce(s.story_id, p.article_id)
            order by p.confidence desc, p.published_at, p.article_id, p.partnership_id
        ) as rank_in_story
    from mart_partnerships p
    left join article_story s on s.article_id = p.article_id
),
coverage as (
    select
        story_id,
        count(distinct article_id) as article_count,
        count(distinct source_name) as source_count,
        min(published_at) as first_published_at,
        min(first_seen_at) as first_seen_at
    from story_partnership
    group by story_id
)
select
    b.story_id,
    b.partnership_id,
    b.partnership_type,
    b.confidence,
    b.evidence,
    b.participant_names,
    b.participant_count,
    b.article_id,
    b.article_title,
    b.article_url,
    b.source_name,
    c.article_count,
    c.source_count,
    c.first_published_at,
    c.first_seen_at
from story_partnership b
join coverage c on c.story_id = b.story_id
where b.rank_in_story = 1
