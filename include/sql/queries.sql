-- Useful queries for analysts and operators (read-only).

-- Latest batches and their state
select batch_id, status, started_at, finished_at, message from pipeline_run order by batch_id desc limit 14;

-- Feeds that failed in the latest batch, with the reason
select f.name, fp.http_status, fp.error_class, fp.error_message
from feed_poll fp join feed f on f.feed_id = fp.feed_id
where fp.batch_id = (select max(batch_id) from pipeline_run) and not fp.ok;

-- Partnerships of the last 30 days, newest first
select published_at, partnership_type, participant_names, article_title, article_url
from mart_partnerships order by published_at desc limit 50;

-- Failed expectations of the latest validated batch
select suite, expectation, severity, unexpected_count, observed_value
from dq_validation_result
where batch_id = (select max(batch_id) from dq_validation_result) and not success;
