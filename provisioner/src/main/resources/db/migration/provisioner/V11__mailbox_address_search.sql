-- Issue 14: the dashboard (and any API client) searches a team's mailboxes by the start of their
-- address (GET /mailboxes?q=sup). Addresses are stored in lower case; text_pattern_ops lets
-- "email_address like 'sup%'" use the index whatever the database's collation.
create index mailbox_team_address on mailbox (team_id, email_address text_pattern_ops)
  where status <> 'deleted';
