package dev.poststack.provisioner.host;

import dev.poststack.controlplane.host.ExpectedHash;
import dev.poststack.controlplane.host.HostRegistrySql;
import dev.poststack.controlplane.host.ResyncPolicy;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.HostResyncRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * After a host's report is stored: if the host is at exactly the end of every partition and its
 * content hash is not the expected one, ask it (once per {@link ResyncPolicy#minInterval()}) to
 * rebuild its store, with a {@code HostResyncRequest} on {@link Topics#HOST_COMMANDS}. The claim in
 * {@code mail_host.resync_requested_at} comes first: a crash before the send loses the request
 * until the interval has passed and the host reports again, and never sends two.
 */
@Component
public class HostResyncRequests implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(HostResyncRequests.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

  private final DatabaseClient db;
  private final Producer<String, byte[]> producer;
  private final ResyncPolicy policy = ResyncPolicy.DEFAULT;
  private final Clock clock = Clock.systemUTC();

  public HostResyncRequests(DatabaseClient db, KafkaProperties properties) {
    this.db = db;
    Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Checks the host of a report just stored; completes empty when nothing was asked. */
  public Mono<Optional<HostResyncRequest>> check(HostApplyReport report) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return facts(report.getHostId())
        .filter(f -> policy.shouldAsk(f, now))
        .flatMap(f -> claim(report.getHostId(), now).filter(Boolean::booleanValue).map(x -> f))
        .map(f -> Optional.of(send(report, f, now)))
        .defaultIfEmpty(Optional.empty());
  }

  private Mono<ResyncPolicy.Facts> facts(String hostId) {
    return db.sql(HostRegistrySql.RESYNC_FACTS)
        .bind("partitions", Topics.HOST_ENTRIES.partitions())
        .bind("hostId", hostId)
        .map(
            (row, meta) ->
                new ResyncPolicy.Facts(
                    row.get("removed_at", OffsetDateTime.class) != null,
                    Boolean.TRUE.equals(row.get("at_end", Boolean.class)),
                    row.get("content_hash", String.class),
                    ExpectedHash.of(row.get("expected_slices", String.class)),
                    Optional.ofNullable(row.get("resync_requested_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)))
        .one();
  }

  private Mono<Boolean> claim(String hostId, Instant now) {
    return db.sql(HostRegistrySql.CLAIM_RESYNC_REQUEST)
        .bind("hostId", hostId)
        .bind("now", now)
        .bind("cutoff", now.minus(policy.minInterval()))
        .fetch()
        .rowsUpdated()
        .map(rows -> rows == 1);
  }

  private HostResyncRequest send(HostApplyReport report, ResyncPolicy.Facts f, Instant now) {
    HostResyncRequest request =
        HostResyncRequest.newBuilder()
            .setHostId(report.getHostId())
            .setRequestedAt(now)
            .setPositions(report.getPositions())
            .setReportedHash(f.reportedHash())
            .setExpectedHash(f.expectedHash())
            .build();
    LOG.warn(
        "host {} is at the end of the host entries with content hash {}, expected {}: asking it to"
            + " rebuild its store",
        report.getHostId(),
        f.reportedHash(),
        f.expectedHash());
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.HOST_COMMANDS.name(), report.getHostId(), HostRecordCodec.encode(request)))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // claimed but not sent: asked again once the interval has passed and the host reports
      LOG.error("cannot send the resync request of host {}: {}", report.getHostId(), e.toString());
    }
    return request;
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }
}
