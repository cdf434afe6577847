package dev.poststack.controlplane.propagation;

/**
 * How far a mailbox's current host entry has spread: how many hosts the platform has, and on how
 * many the entry's record is applied (0 while its outbox row is unpublished). The provisioner
 * computes it for its tests and status, the API shows it as {@code propagation}; one statement for
 * both (explained in provisioner/README.md, "Host status and propagation").
 */
public final class PropagationSql {
  private PropagationSql() {}

  /** $1 = the mailbox's {@code email_address}; one row {@code (hosts, applied)}. */
  public static final String MAILBOX =
      """
      select (select count(*) from mail_host) as hosts,
             case when exists (select 1 from host_entry_outbox o
                               where o.entry_key = 'mailbox:' || $1 and o.published_at is null)
                  then 0
                  else (select count(*) from host_entry_position p
                        join mail_host_position h on h.kafka_partition = p.kafka_partition
                                                 and h.next_offset > p.kafka_offset
                        where p.entry_key = 'mailbox:' || $1)
             end as applied\
      """;
}
