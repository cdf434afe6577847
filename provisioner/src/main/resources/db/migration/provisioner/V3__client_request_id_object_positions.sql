-- Issue 9. The audit row's request_id is always the server's own id (the API's X-Request-Id
-- answer); an id the client sent is kept apart, null when it sent none (and for older events).
alter table audit_event add column client_request_id text;
