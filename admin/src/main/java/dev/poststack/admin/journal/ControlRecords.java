package dev.poststack.admin.journal;

import dev.poststack.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The API's own rows as the compacted topic {@code poststack.control-records} holds them (the
 * control journal, API migration V9), and their restore into an empty database: the half of {@code
 * replay --rebuild} that the mail events cannot give back (teams, members, API keys, team limits,
 * webhooks).
 */
public final class ControlRecords {
  /**
   * Restored parents first: a member, an API key, a team limit and a webhook name their team.
   * Sessions are not journaled: after a rebuild members sign in again.
   */
  private static final List<String> TABLES =
      List.of("team", "team_member", "team_limit", "api_key", "webhook", "account_event");

  private static final List<String> SEQUENCES =
      List.of("team", "team_member", "api_key", "webhook", "account_event");

  /**
   * A table's records by the number their key starts with (the row's id, or a limit's team), so a
   * row comes after any row of its own table it names: a member after the member who invited them,
   * whatever order compaction left the records in.
   */
  private static final Comparator<Map.Entry<String, String>> BY_ID =
      Comparator.comparingLong((Map.Entry<String, String> e) -> leadingNumber(e.getKey()))
          .thenComparing(Map.Entry::getKey);

  private ControlRecords() {}

  /** What was restored, per table. */
  public record Restored(Map<String, Long> rows) {
    public long total() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The latest record of every row, read from the beginning of the topic to its current end; a
   * tombstone removes its row. Keys are {@code <table>:<primary key>}; values the row as JSON.
   */
  public static Map<String, String> read(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, String> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      String topic = Topics.CONTROL_RECORDS.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return latest;
  }

  /**
   * Writes {@code records} into the API's tables of {@code db} (migrated, empty: refused otherwise)
   * in one transaction, and sets the tables' id sequences past the highest restored id so new teams
   * and keys get fresh ids.
   */
  public static Restored restore(Map<String, String> records, Connection db) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      for (String table : TABLES) {
        try (Statement s = db.createStatement();
            ResultSet rs = s.executeQuery("select exists (select 1 from " + table + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            throw new IllegalStateException(
                "table " + table + " is not empty: --rebuild restores into an empty database only");
          }
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table : TABLES) {
        long n = 0;
        // the table name comes from TABLES, never from a record
        try (PreparedStatement ps =
            db.prepareStatement(
                "insert into "
                    + table
                    + " select * from jsonb_populate_record(null::"
                    + table
                    + ", ?::jsonb)")) {
          List<Map.Entry<String, String>> rows =
              records.entrySet().stream()
                  .filter(e -> e.getKey().startsWith(table + ":"))
                  .sorted(BY_ID)
                  .toList();
          for (Map.Entry<String, String> e : rows) {
            ps.setString(1, e.getValue());
            ps.addBatch();
            n++;
          }
          ps.executeBatch();
        }
        counts.put(table, n);
      }
      for (String table : SEQUENCES) {
        try (Statement s = db.createStatement()) {
          s.execute(
              "select setval(pg_get_serial_sequence('"
                  + table
                  + "', 'id'), greatest((select max(id) from "
                  + table
                  + "), 1), (select count(*) > 0 from "
                  + table
                  + "))");
        }
      }
      db.commit();
      return new Restored(counts);
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  /** {@code team_member:12} → 12, {@code team_limit:3:mailboxes} → 3; 0 when there is none. */
  static long leadingNumber(String key) {
    int start = key.indexOf(':') + 1;
    int end = start;
    while (end < key.length() && end - start < 18 && Character.isDigit(key.charAt(end))) {
      end++;
    }
    return end == start ? 0 : Long.parseLong(key.substring(start, end));
  }
}
