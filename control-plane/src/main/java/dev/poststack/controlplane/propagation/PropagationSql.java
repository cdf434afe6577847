package dev.poststack.controlplane.propagation;

/**
 * How far an object's own latest host-entry change has spread: how many live registered hosts the
 * platform has (removed and offline hosts do not count), on how many that change is applied (0
 * while it waits in the outbox), and which are still pending. Looked up by the object (kind and
 * id), never by its address: once a deleted mailbox's address is taken again, by its team or
 * another after a domain is re-registered, the old mailbox still shows its own removal, not the
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

  /**
   * $1 = the object kind ({@link #MAILBOX}, {@link #ALIAS}), $2 = its id, $3 = the offline
   * threshold in seconds ({@code HostThresholds.offlineAfter}); one row: {@code hosts} (live
   * registered hosts: not removed, reported within the threshold), {@code applied} (those whose
   * next offset on the entry's partition is beyond its latest record; none while a change of the
   * object waits in the outbox) and {@code pending} (the ids of the other live hosts, sorted).
   */
  public static final String OF_OBJECT =
      """
      with live as (select h.host_id from mail_host h
                     where h.removed_at is null
                       and h.last_report_at > now() - make_interval(secs => $3)),
           done as (select l.host_id from live l
                      join mail_host_position h on h.host_id = l.host_id
                      join host_entry_object_position p
                        on h.kafka_partition = p.kafka_partition
                       and h.next_offset > p.kafka_offset
                     where p.object_kind = $1 and p.object_id = $2
                       and not exists (select 1 from host_entry_outbox o
                                        where o.object_kind = $1 and o.object_id = $2
                                          and o.published_at is null))
      select (select count(*) from live) as hosts,
             (select count(*) from done) as applied,
             array(select l.host_id from live l
                    where l.host_id not in (select host_id from done)
                    order by l.host_id) as pending\
      """;
}
