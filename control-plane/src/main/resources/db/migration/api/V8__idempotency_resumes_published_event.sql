-- A write whose event may have reached the log although its request failed (the broker did not
-- acknowledge in time, the API died mid-publish) must not run again as a new change on retry: the
-- retry publishes the same event again, which the provisioner applies at most once (issue 9).
--
-- event_id: the event this request published or was about to publish, kept for operators.
-- sealed_event: that event's Avro bytes, AES-GCM-sealed under a key derived from the
--   Idempotency-Key and the bearer token like sealed_body (it holds a password hash), so only a
--   retry of the same request can open it. Dropped when the request completes.
-- state 'uncertain': the request failed after its event was recorded; the next retry of the same
--   request by the same API key takes it over at once and resumes that event.
alter table idempotency_record
  add column event_id     uuid,
  add column sealed_event text;
alter table idempotency_record drop constraint idempotency_record_state_check;
alter table idempotency_record
  add constraint idempotency_record_state_check
  check (state in ('in_progress', 'completed', 'uncertain'));
