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
   * outbox are in nobody's lag until they are published.
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
             h.last_error_at, h.removed_at, now() as read_at,
             cast(l.lag_entries as bigint) as lag_entries, l.oldest_unapplied_at,
             coalesce((select string_agg(hp.kafka_partition || ':' || hp.next_offset, ','
                                         order by hp.kafka_partition)
                         from mail_host_position hp where hp.host_id = h.host_id), '') as positions,
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
   * The 32-bit slice sums of every current entry line's SHA-256 ({@code s0} most significant);
   * {@link ExpectedHash#of} turns them into the content hash a host that read everything has. One
   * pass over {@code host_entry_position}: run it only when a host is at the end of every
   * partition, and cache it by the partition ends.
   */
  public static final String EXPECTED_HASH =
      """
      select count(line_sha256) as entries,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 1, 8) as bit(32)) as bigint)), 0) as s0,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 9, 8) as bit(32)) as bigint)), 0) as s1,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 17, 8) as bit(32)) as bigint)), 0) as s2,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 25, 8) as bit(32)) as bigint)), 0) as s3,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 33, 8) as bit(32)) as bigint)), 0) as s4,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 41, 8) as bit(32)) as bigint)), 0) as s5,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 49, 8) as bit(32)) as bigint)), 0) as s6,
             coalesce(sum(cast(cast('x' || substr(line_sha256, 57, 8) as bit(32)) as bigint)), 0) as s7
        from host_entry_position
       where line_sha256 is not null\
      """;

  /** The published end of each partition: the cache key of {@link #EXPECTED_HASH}. */
  public static final String ENDS =
      """
      select coalesce(string_agg(p || ':' || coalesce((select max(e.kafka_offset) + 1
                                                          from host_entry_position e
                                                         where e.kafka_partition = p), 0),
                                 ',' order by p), '') as ends
        from generate_series(0, :partitions - 1) as p\
      """;
}
