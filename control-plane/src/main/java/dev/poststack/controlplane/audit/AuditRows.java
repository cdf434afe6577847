package dev.poststack.controlplane.audit;

/**
 * How the API's audit endpoints and the operator's {@code admin events} read the provisioner's
 * {@code audit_event} (ADR 0005: they only read it): one select, so both show the same columns, the
 * same key name and the same masked changes.
 */
public final class AuditRows {
  private AuditRows() {}

  /**
   * An audit row's {@code changes} with every field named like a password, a hash or a secret shown
   * only as {@code "changed"}, whatever the row holds. The provisioner already writes a password
   * change that way; saying it again where the rows are read means a row from an older or faulty
   * writer can never put a hash in an answer or on an operator's screen.
   */
  public static final String MASKED_CHANGES =
      """
      case when e.changes is null then null else (
        select coalesce(jsonb_object_agg(c.key,
                 case when lower(c.key) ~ '(password|hash|secret)' then to_jsonb('changed'::text)
                      else c.value end), '{}'::jsonb)
          from jsonb_each(e.changes) c) end::text\
      """;

  /**
   * Every column either reader shows, with the acting key's name from {@code api_key} (never its
   * hash), or the acting member's email from {@code team_member}: a revoked or rotated key keeps
   * its row and so its name. Readers append their own {@code where} and {@code order by}.
   */
  public static final String SELECT =
      """
      select e.event_id, e.event_type, e.occurred_at, e.team_id, e.actor_kind, e.actor_id,
             coalesce(k.name, m.email) as key_name, e.request_id, e.client_request_id, e.source_ip, e.user_agent,
             e.domain_id, e.mailbox_id, e.alias_id, e.outcome, e.rejection_code, e.rejection_message,
             %s as changes, e.id as row_id, 0 as source
        from audit_event e
        left join api_key k
          on e.actor_kind = 'api_key' and k.team_id = e.team_id
         and k.id = case when e.actor_id ~ '^[1-9][0-9]{0,17}$' then e.actor_id::bigint end
        left join team_member m
          on e.actor_kind = 'member' and m.team_id = e.team_id
         and m.id = case when e.actor_id ~ '^[1-9][0-9]{0,17}$' then e.actor_id::bigint end
      """
          .formatted(MASKED_CHANGES);

  /**
   * The team account's own changes (API keys, members, webhooks: {@code account_event}, written by
   * the API) in the columns of {@link #SELECT}, so one list can hold both; they name no domain,
   * mailbox or alias and are always applied. Readers append their own {@code where}.
   */
  public static final String ACCOUNT_SELECT =
      """
      select e.event_id, e.event_type, e.occurred_at, e.team_id, e.actor_kind, e.actor_id,
             coalesce(k.name, m.email) as key_name, e.request_id, e.client_request_id, e.source_ip,
             e.user_agent, null::bigint as domain_id, null::bigint as mailbox_id,
             null::bigint as alias_id, 'applied'::text as outcome, null::text as rejection_code,
             null::text as rejection_message, %s as changes, e.id as row_id, 1 as source
        from account_event e
        left join api_key k
          on e.actor_kind = 'api_key' and k.team_id = e.team_id
         and k.id = case when e.actor_id ~ '^[1-9][0-9]{0,17}$' then e.actor_id::bigint end
        left join team_member m
          on e.actor_kind = 'member' and m.team_id = e.team_id
         and m.id = case when e.actor_id ~ '^[1-9][0-9]{0,17}$' then e.actor_id::bigint end
      """
          .formatted(MASKED_CHANGES);
}
