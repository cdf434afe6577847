package dev.poststack.api.domain;

import dev.poststack.api.event.Envelopes;
import dev.poststack.api.http.PublicIds;
import dev.poststack.renderer.address.DomainName;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Operator actions on domains without HTTP (CLI, dev launcher): publishes the same events the API
 * does, with actor {@code operator}, and waits for the provisioner's outcome by polling the audit
 * log (a CLI needs no LISTEN connection). Plain JDBC and a plain Kafka producer.
 */
public final class DomainAdmin implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = new EventCodec();
  private final Duration timeout;
  private final String operator;

  public DomainAdmin(String jdbcUrl, String user, String password, String kafkaBootstrapServers) {
    this(jdbcUrl, user, password, kafkaBootstrapServers, Duration.ofSeconds(30), "cli");
  }

  public DomainAdmin(String jdbcUrl, String user, String password, String kafkaBootstrapServers, Duration timeout, String operator) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password == null ? "" : password;
    this.timeout = timeout;
    this.operator = operator;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis()), new StringSerializer(), new ByteArraySerializer());
  }

  /** Outcome of an operator action; {@code rejectionCode} is null when applied. */
  public record Result(UUID eventId, boolean applied, String rejectionCode, String message) {}

  /** A domain's identity and status as the state table holds it. */
  public record DomainInfo(long id, String publicId, String name, String status, long teamId) {}

  public java.util.Optional<DomainInfo> describe(long domainId) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(
            "select id, public_id, name, status, team_id from domain where id = ? and deleted_at is null")) {
      s.setLong(1, domainId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? java.util.Optional.of(new DomainInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
            : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database query failed: " + e.getMessage(), e);
    }
  }

  /** Marks a domain verified (whatever its DNS says) and enables inbound mail on it. */
  public Result markVerified(long domainId) {
    long teamId = query("select team_id from domain where id = ? and deleted_at is null", domainId);
    if (teamId < 0) {
      throw new IllegalArgumentException("no live domain with id " + domainId);
    }
    return publishAndWait(DomainUpdated.newBuilder()
        .setEnvelope(Envelopes.of(teamId, ActorKind.operator, operator, PublicIds.request(), Clock.systemUTC()))
        .setDomainId(domainId).setStatus(DomainStatus.verified).setInboundEnabled(true).build());
  }

  /** The team's live domain of that name, created if absent, verified and inbound-enabled. Returns its id. */
  public long ensureVerifiedDomain(long teamId, String name) {
    String domainName = DomainName.of(name).value();
    long id = query("select id from domain where name = ? and team_id = ? and deleted_at is null", domainName, teamId);
    if (id < 0) {
      id = query("select nextval('domain_id_seq')");
      Result created = publishAndWait(DomainCreated.newBuilder()
          .setEnvelope(Envelopes.of(teamId, ActorKind.operator, operator, PublicIds.request(), Clock.systemUTC()))
          .setDomainId(id).setPublicId(PublicIds.domain()).setName(domainName).setInboundEnabled(true).build());
      require(created);
    }
    long alreadyReady = query("select count(*) from domain where id = ? and status = 'verified' and inbound_enabled", id);
    if (alreadyReady < 1) {
      require(markVerified(id)); // idempotent callers (every dev start) publish nothing when ready
    }
    return id;
  }

  private static void require(Result result) {
    if (!result.applied()) {
      throw new IllegalStateException("rejected: " + result.rejectionCode() + " " + result.message());
    }
  }

  private Result publishAndWait(SpecificRecord event) {
    UUID eventId = Events.envelope(event).getEventId();
    try {
      producer.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS.name(), Events.partitionKey(event), codec.encode(event))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish to Kafka: " + e.getCause().getMessage(), e.getCause());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Result result = outcome(eventId);
      if (result != null) {
        return result;
      }
      sleep();
    }
    throw new IllegalStateException("no outcome for event " + eventId + " within " + timeout + " (is the provisioner running?)");
  }

  private Result outcome(UUID eventId) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(
            "select outcome, rejection_code, rejection_message from audit_event where event_id = ?")) {
      s.setObject(1, eventId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? new Result(eventId, "applied".equals(rs.getString(1)), rs.getString(2), rs.getString(3))
            : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  private long query(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database query failed: " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  private static void sleep() {
    try {
      Thread.sleep(50); // a CLI polling the audit log; no event loop here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the outcome", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
