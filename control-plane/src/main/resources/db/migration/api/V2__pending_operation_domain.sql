-- The domain an answered-with-202 write concerns, so GET /operations/:eventId can honour a
-- domain-scoped key's scope like every other read (rows from before this have none: such a key
-- is refused them).
alter table pending_operation add column domain_id bigint;
