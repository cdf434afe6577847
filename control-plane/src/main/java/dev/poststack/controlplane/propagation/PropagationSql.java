package dev.poststack.controlplane.propagation;

/**
 * How far an object's own latest host-entry change has spread: how many hosts the platform has, and
 * on how many that change is applied (0 while it waits in the outbox). Looked up by the object
 * (kind and id), never by its address: once a deleted mailbox's address is taken again, by its team
 * or another after a domain is re-registered, the old mailbox still shows its own removal, not the
 * newcomer's state. The provisioner computes it for its tests and status, the API shows it as
 * {@code propagation}; one statement for both (explained in provisioner/README.md, "Host status and
 * propagation").
 */
public final class PropagationSql {
  private PropagationSql() {}

  /** The object kind of a mailbox's own entry ({@code mailbox:<address>}). */
  public static final String MAILBOX = "mailbox";

  /** The object kind of an alias's own entry ({@code alias:<address>}). */
  public static final String ALIAS = "alias";

  /** $1 = the object kind ({@link #MAILBOX}, {@link #ALIAS}), $2 = its id; one row. */
  public static final String OF_OBJECT =
      """
      select (select count(*) from mail_host) as hosts,
             case when exists (select 1 from host_entry_outbox o
                               where o.object_kind = $1 and o.object_id = $2
                                 and o.published_at is null)
                  then 0
                  else (select count(*) from host_entry_object_position p
                        join mail_host_position h on h.kafka_partition = p.kafka_partition
                                                 and h.next_offset > p.kafka_offset
                        where p.object_kind = $1 and p.object_id = $2)
             end as applied\
      """;
}
