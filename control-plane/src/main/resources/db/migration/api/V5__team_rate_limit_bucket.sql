-- The team-wide rate limit's token buckets, one row per team, shared by every API instance
-- (bucket4j's PostgreSQL backend, SELECT … FOR UPDATE): state is bucket4j's serialized bucket,
-- expires_at (epoch milliseconds) when the bucket has been full long enough to be forgotten; the
-- API's hourly purge deletes such rows. Rows hold counters only, never a key or a request.
create table team_rate_limit_bucket (
  id          bigint primary key, -- team id
  state       bytea,
  expires_at  bigint
);
