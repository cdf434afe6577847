package dev.poststack.provisioner.replay;

import dev.poststack.provisioner.replay.StateTables.IdSequence;
import dev.poststack.provisioner.replay.StateTables.StateTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The steps around a rebuild's replay: the checks before it (an empty state, a stopped provisioner)
 * and what makes the rebuilt database live afterwards (id sequences, the group's offsets).
 */
final class Rebuild {
  private Rebuild() {}

  /** Refuses a database where any state table holds a row: a rebuild never merges into state. */
  static void requireEmptyState(Connection db) throws SQLException {
    for (StateTable table : StateTables.ALL) {
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("select exists (select 1 from \"" + table.name() + "\")")) {
        rs.next();
        if (rs.getBoolean(1)) {
          throw new IllegalStateException(
              "the database holds provisioner state (table "
                  + table.name()
                  + " is not empty): --rebuild only fills a database that lost it");
        }
      }
    }
  }

  /** A running provisioner would apply events beside the replay and commit offsets of its own. */
  static void requireNoActiveMembers(Admin admin, String group)
      throws InterruptedException, ExecutionException {
    ConsumerGroupDescription description;
    try {
      description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      throw e;
    }
    if (description != null && !description.members().isEmpty()) {
      throw new IllegalStateException(
          "the provisioner's consumer group "
              + group
              + " has "
              + description.members().size()
              + " active member(s): stop the provisioner first");
    }
  }

  /**
   * Sets each id sequence past the highest id the replay wrote, in the state or in an audit row (a
   * refused create used its id too), so the API's next id is new.
   */
  static void advanceSequences(Connection db) throws SQLException {
    for (IdSequence seq : StateTables.ID_SEQUENCES) {
      String highest =
          "greatest((select coalesce(max(id), 0) from "
              + seq.table()
              + "), (select coalesce(max("
              + seq.auditColumn()
              + "), 0) from audit_event), (select last_value from "
              + seq.sequence()
              + " where is_called))";
      try (Statement s = db.createStatement()) {
        s.execute(
            "select setval('"
                + seq.sequence()
                + "', greatest("
                + highest
                + ", 1), "
                + highest
                + " > 0)");
      }
    }
  }

  /** The provisioner's group resumes at the first record the replay did not read. */
  static void commitGroupOffsets(Admin admin, String group, String topic, Map<Integer, Long> end)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        end.entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> new TopicPartition(topic, e.getKey()),
                    e -> new OffsetAndMetadata(e.getValue())));
    admin.alterConsumerGroupOffsets(group, offsets).all().get();
  }
}
