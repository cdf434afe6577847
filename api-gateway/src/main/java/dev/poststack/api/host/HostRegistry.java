package dev.poststack.api.host;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.host.ExpectedHash;
import dev.poststack.controlplane.host.HostClassifier;
import dev.poststack.controlplane.host.HostRegistrySql;
import dev.poststack.controlplane.host.HostRow;
import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.schemas.Topics;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the host registry (the provisioner's {@code mail_host}, ADR 0005: the API only reads) with
 * control-plane's shared SQL and classifies each host. The expected content hash is one pass over
 * every entry's digest, so it is computed only when a host has read everything and kept until the
 * published ends move.
 */
@Component
class HostRegistry {
  private record Cached(String ends, String hash) {}

  private final DatabaseClient db;
  private final HostClassifier classifier;
  private final AtomicReference<Cached> expected = new AtomicReference<>();

  HostRegistry(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    this.classifier = new HostClassifier(thresholds(properties));
  }

  static HostThresholds thresholds(ApiProperties properties) {
    return new HostThresholds(
        Duration.ofSeconds(properties.hosts().staleSeconds()),
        Duration.ofSeconds(properties.hosts().offlineSeconds()));
  }

  Mono<List<HostView>> all() {
    return rows(null).flatMap(this::views);
  }

  Mono<HostView> one(String hostId) {
    return rows(hostId).flatMap(this::views).flatMap(v -> Mono.justOrEmpty(v.stream().findFirst()));
  }

  private Mono<List<HostRow>> rows(String hostId) {
    var spec = db.sql(HostRegistrySql.HOSTS).bind("partitions", Topics.HOST_ENTRIES.partitions());
    spec = hostId == null ? spec.bindNull("hostId", String.class) : spec.bind("hostId", hostId);
    return spec.map((row, meta) -> HostRow.from(columns(row))).all().collectList();
  }

  private Mono<List<HostView>> views(List<HostRow> rows) {
    boolean needsHash = rows.stream().anyMatch(r -> r.lagEntries() == 0);
    Mono<String> hash = needsHash ? expectedHash() : Mono.just("");
    // the classification is pure; the hash is read once per answer at most
    return hash.map(h -> rows.stream().map(r -> HostView.of(r, classifier, () -> h)).toList());
  }

  private Mono<String> expectedHash() {
    return db.sql(HostRegistrySql.ENDS)
        .bind("partitions", Topics.HOST_ENTRIES.partitions())
        .map((row, meta) -> row.get("ends", String.class))
        .one()
        .flatMap(
            ends -> {
              Cached cached = expected.get();
              if (cached != null && cached.ends().equals(ends)) {
                return Mono.just(cached.hash());
              }
              return db.sql(HostRegistrySql.EXPECTED_HASH)
                  .map((row, meta) -> sum(row))
                  .one()
                  .doOnNext(h -> expected.set(new Cached(ends, h)));
            })
        .publishOn(Schedulers.parallel());
  }

  private static String sum(Row row) {
    BigInteger[] slices = new BigInteger[ExpectedHash.SLICES];
    for (int i = 0; i < slices.length; i++) {
      slices[i] = row.get("s" + i, BigDecimal.class).toBigInteger();
    }
    return ExpectedHash.of(slices);
  }

  private static HostRow.Columns columns(Row row) {
    return new HostRow.Columns() {
      @Override
      public String text(String column) {
        return row.get(column, String.class);
      }

      @Override
      public Long number(String column) {
        return row.get(column, Long.class);
      }

      @Override
      public Instant instant(String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
      }
    };
  }
}
