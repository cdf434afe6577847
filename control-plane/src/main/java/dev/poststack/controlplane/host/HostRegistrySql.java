package dev.poststack.controlplane.host;

/**
 * The host registry's reads, shared by the API ({@code GET /hosts}) and the operator tools ({@code
 * poststack hosts}); the provisioner writes the tables (ADR 0005). Named parameters, no {@code ::}
 * casts, so R2DBC's {@code DatabaseClient} and Spring's {@code NamedParameterJdbcTemplate} both run
 * the same text.
 */
public final class HostRegistrySql {
  private HostRegistrySql() {}

  /**
   * One row per host ({@code :hostId} null for all, ordered by id). {@code :partitions} is the
   * host-entries topic's partition count. The end of a partition is one past the latest offset the
   * provisioner published there (its newest {@code host_entry_position}); lag in entries is the sum
   * over partitions of end minus the host's next offset, so it counts records, superseded ones
   * included; {@code oldest_unapplied_at} is when the oldest still-current entry the host has not
   * read was published. Both are index lookups per partition (V9's index). Changes still in the
   * outbox are in nobody's lag until they are published. {@code expected_slices} are the slice sums
   * of the current entries' digests ({@code host_entry_hash}, kept by V9's triggers, read in the
   * same snapshot), which {@link ExpectedHash#of} folds into the content hash expected of a host
   * that has read everything.
   */
  public static final String HOSTS =
      """
      with ends as (
        select p as kafka_partition,
               coalesce((select max(e.kafka_offset) + 1 from host_entry_position e
                          where e.kafka_partition = p), 0) as end_offset
          from generate_series(0, :partitions - 1) as p),
      lag as (
        select h.host_id,
               coalesce(sum(greatest(e.end_offset - coalesce(hp.next_offset, 0), 0)), 0) as lag_entries,
               min((select x.published_at from host_entry_position x
                     where x.kafka_partition = e.kafka_partition
                       and x.kafka_offset >= coalesce(hp.next_offset, 0)
                     order by x.kafka_offset limit 1)) as oldest_unapplied_at
          from mail_host h
          cross join ends e
          left join mail_host_position hp on hp.host_id = h.host_id
                                         and hp.kafka_partition = e.kafka_partition
         group by h.host_id)
      select h.host_id, h.address, h.first_seen_at, h.last_report_at, h.progressed_at,
             h.started_at, h.content_hash, h.entry_count, h.applied_at, h.last_error,
             h.last_error_at, h.removed_at, h.resync_requested_at, now() as read_at,
             cast(l.lag_entries as bigint) as lag_entries, l.oldest_unapplied_at,
             coalesce((select string_agg(hp.kafka_partition || ':' || hp.next_offset, ','
                                         order by hp.kafka_partition)
                         from mail_host_position hp where hp.host_id = h.host_id), '') as positions,
             (select concat_ws(',', x.s0, x.s1, x.s2, x.s3, x.s4, x.s5, x.s6, x.s7)
                from host_entry_hash x) as expected_slices,
             coalesce((select string_agg(
                                regexp_replace(r.value ->> 'key', '[[:cntrl:]]', ' ', 'g')
                                  || chr(30)
                                  || regexp_replace(r.value ->> 'reason', '[[:cntrl:]]', ' ', 'g'),
                                chr(31) order by r.ordinality)
                         from jsonb_array_elements(h.refused_entries) with ordinality r), '')
               as refused
        from mail_host h join lag l on l.host_id = h.host_id
       where (cast(:hostId as text) is null or h.host_id = :hostId)
       order by h.host_id\
      """;

  /**
   * What {@link ResyncPolicy} reads of one host ({@code :hostId}), in one snapshot: whether its
   * stored positions are exactly the end of every partition of the host-entries topic ({@code
   * :partitions} of them; see {@link #HOSTS} for the ends), its reported hash, the expected slices
   * and when it was last asked to resync.
   */
  public static final String RESYNC_FACTS =
      """
      with ends as (
        select p as kafka_partition,
               coalesce((select max(e.kafka_offset) + 1 from host_entry_position e
                          where e.kafka_partition = p), 0) as end_offset
          from generate_series(0, :partitions - 1) as p)
      select h.content_hash, h.removed_at, h.resync_requested_at,
             (select bool_and(coalesce(hp.next_offset, 0) = e.end_offset)
                from ends e
                left join mail_host_position hp on hp.host_id = h.host_id
                                               and hp.kafka_partition = e.kafka_partition) as at_end,
             (select concat_ws(',', x.s0, x.s1, x.s2, x.s3, x.s4, x.s5, x.s6, x.s7)
                from host_entry_hash x) as expected_slices
        from mail_host h
       where h.host_id = :hostId\
      """;

  /**
   * Claims the request ({@code :hostId}, {@code :now}, {@code :cutoff} = now minus the policy's
   * interval): one row updated when no request was made since the cutoff, none otherwise, so two
   * provisioners never both ask.
   */
  public static final String CLAIM_RESYNC_REQUEST =
      """
      update mail_host set resync_requested_at = :now
       where host_id = :hostId
         and (resync_requested_at is null or resync_requested_at <= :cutoff)\
      """;
}
