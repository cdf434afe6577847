package dev.poststack.admin.host;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.host.HostClassifier;
import dev.poststack.controlplane.host.HostRegistrySql;
import dev.poststack.controlplane.host.HostRow;
import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.schemas.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host registry as {@code poststack hosts} shows it: the API's query (control-plane's {@link
 * HostRegistrySql}) over JDBC, classified the same way. Reads only (ADR 0005).
 */
public final class HostRegistryReads {
  private final AdminDatabase db;
  private final HostClassifier classifier;

  public HostRegistryReads(AdminDatabase db, HostThresholds thresholds) {
    this.db = db;
    this.classifier = new HostClassifier(thresholds);
  }

  public List<HostView> all() {
    return read(null);
  }

  public Optional<HostView> one(String hostId) {
    return read(hostId).stream().findFirst();
  }

  private List<HostView> read(String hostId) {
    Map<String, Object> params = new HashMap<>();
    params.put("partitions", Topics.HOST_ENTRIES.partitions());
    params.put("hostId", hostId);
    List<HostRow> rows =
        db.jdbc().query(HostRegistrySql.HOSTS, params, (rs, i) -> HostRow.from(columns(rs)));
    return rows.stream().map(r -> HostView.of(r, classifier)).toList();
  }

  private static HostRow.Columns columns(ResultSet rs) {
    return new HostRow.Columns() {
      @Override
      public String text(String column) {
        return get(() -> rs.getString(column));
      }

      @Override
      public Long number(String column) {
        return get(() -> rs.getObject(column, Long.class));
      }

      @Override
      public Instant instant(String column) {
        OffsetDateTime at = get(() -> rs.getObject(column, OffsetDateTime.class));
        return at == null ? null : at.toInstant();
      }
    };
  }

  private interface SqlRead<T> {
    T read() throws SQLException;
  }

  private static <T> T get(SqlRead<T> read) {
    try {
      return read.read();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the host registry: " + e.getMessage(), e);
    }
  }
}
