package dev.poststack.bench.replay;

import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.MailboxCreated;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts mailbox creates straight on the event topic, as the API would publish them (ids drawn from
 * the same sequence, a real SHA512-CRYPT hash, the dev team's key as actor), but batched: a replay
 * benchmark needs a log of 100k and 1M events, which the API's own pace would take hours to write.
 * The live provisioner applies them like any other events, so the live state is what a replay of
 * the log must reproduce.
 */
final class EventFlood {
  private final String bootstrap;
  private final String jdbcUrl;
  private final String hash;

  EventFlood(String bootstrap, String database) {
    this.bootstrap = bootstrap;
    this.jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
    // one hash for every mailbox: hashing is the API's cost, not the log's
    this.hash =
        "{SHA512-CRYPT}"
            + Sha2Crypt.sha512Crypt("bench-password-123".getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes {@code count} creates into {@code domain} (of {@code teamId}); returns events/s. */
  double publish(long teamId, long domainId, String keyId, long count) throws Exception {
    long first = reserveIds(count);
    EventCodec codec = new EventCodec();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    AtomicReference<Exception> failed = new AtomicReference<>();
    long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (long n = 0; n < count && failed.get() == null; n++) {
        long id = first + n;
        MailboxCreated event =
            MailboxCreated.newBuilder()
                .setEnvelope(
                    Envelopes.of(
                        teamId, ActorKind.api_key, keyId, "req_bench" + id, Clock.systemUTC()))
                .setMailboxId(id)
                .setPublicId("mb_replay" + id)
                .setDomainId(domainId)
                .setLocalPart("r" + id)
                .setPasswordHash(hash)
                .setDisplayName("Replay " + id)
                .setQuotaBytes(1L << 30)
                .setWebhookEnabled(false)
                .build();
        producer.send(
            new ProducerRecord<>(
                Topics.MAILBOX_EVENTS.name(), Events.partitionKey(event), codec.encode(event)),
            (meta, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    return count / ((System.nanoTime() - t0) / 1e9);
  }

  /** The team that owns {@code domainId}, and the id of its oldest API key (the dev key). */
  long[] teamAndKey(long domainId) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        PreparedStatement ps =
            c.prepareStatement(
                "select d.team_id, (select min(k.id) from api_key k where k.team_id = d.team_id)"
                    + " from domain d where d.id = ?")) {
      ps.setLong(1, domainId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /** Live mailboxes the provisioner has applied. */
  long applied() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var rs = c.createStatement().executeQuery("select count(*) from mailbox")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Whether at least {@code target} mailboxes are applied, cheaply while they are not: the audit
   * log's highest id (an index's last entry) bounds the count from above, so only once it reaches
   * the target is the table counted. Counting 1M rows every half second took a tenth of a second
   * each time, beside the provisioner it was measuring.
   */
  boolean appliedAtLeast(long target) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var rs = c.createStatement().executeQuery("select coalesce(max(id), 0) from audit_event")) {
      rs.next();
      if (rs.getLong(1) < target) {
        return false;
      }
    }
    return applied() >= target;
  }

  /** Events in the audit log: every event the provisioner applied or refused. */
  long audited() throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var rs = c.createStatement().executeQuery("select count(*) from audit_event")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long reserveIds(long count) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      c.setAutoCommit(false);
      long first;
      try (ResultSet rs = c.createStatement().executeQuery("select nextval('mailbox_id_seq')")) {
        rs.next();
        first = rs.getLong(1);
      }
      try (PreparedStatement ps = c.prepareStatement("select setval('mailbox_id_seq', ?)")) {
        ps.setLong(1, first + count - 1);
        ps.execute();
      }
      c.commit();
      return first;
    }
  }
}
