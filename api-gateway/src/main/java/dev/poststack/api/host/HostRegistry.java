package dev.poststack.api.host;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.host.HostClassifier;
import dev.poststack.controlplane.host.HostRegistrySql;
import dev.poststack.controlplane.host.HostRow;
import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.schemas.Topics;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the host registry (the provisioner's {@code mail_host}, ADR 0005: the API only reads) with
 * control-plane's shared SQL, one statement (hosts, lag and the expected content hash in one
 * snapshot), and classifies each host.
 */
@Component
class HostRegistry {
  private final DatabaseClient db;
  private final HostClassifier classifier;

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
    return Mono.just(rows.stream().map(r -> HostView.of(r, classifier)).toList());
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
