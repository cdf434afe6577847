package dev.poststack.system.support;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostStore;
import dev.poststack.schemas.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mail host's live store as the daemons see it: a short read-only connection per look, never a
 * second writer beside the agent's. Schema and statements are config-renderer's {@link HostStore}.
 */
public final class HostStoreReader {
  private final Path file;

  HostStoreReader(Path file) {
    this.file = file;
  }

  /**
   * One consistent read (one SQLite read transaction): rows, positions and the stored hash
   * together.
   */
  public record Snapshot(
      List<HostEntry> entries, Map<Integer, Long> positions, ContentHash storedHash) {
    public long positionSum() {
      return positions.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public Snapshot snapshot() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro")) {
      c.setAutoCommit(false);
      List<HostEntry> entries = new ArrayList<>();
      for (EntryKind kind : EntryKind.values()) {
        try (PreparedStatement p = c.prepareStatement(HostStore.selectAllSql(kind));
            ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= kind.columns().size(); i++) {
              Object v = rs.getObject(i);
              values.add(v instanceof Integer n ? Long.valueOf(n) : v);
            }
            entries.add(EntryCodec.fromRow(kind, values));
          }
        }
      }
      Map<Integer, Long> positions = new TreeMap<>();
      try (PreparedStatement p = c.prepareStatement(HostStore.SELECT_POSITIONS_SQL);
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1).equals(Topics.HOST_ENTRIES.name())) {
            positions.put(rs.getInt(2), rs.getLong(3));
          }
        }
      }
      ContentHash hash;
      try (PreparedStatement p = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
        p.setString(1, HostStore.CONTENT_HASH);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          hash = ContentHash.parse(rs.getString(1));
        }
      }
      c.rollback();
      return new Snapshot(entries, positions, hash);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the host store " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the store holds a row for this entry key, e.g. {@code alias:info@example.test}. */
  public boolean has(String entryKey) {
    return snapshot().entries().stream().anyMatch(e -> e.key().value().equals(entryKey));
  }
}
