package dev.poststack.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.TopicReplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
  private static final Path DIR = Path.of("kafka-data");

  @Test
  void theDevBrokerIsItsOwnQuorumWithEverythingReplicatedOnce() {
    var p = BrokerConfig.of(new BrokerSettings(DIR, 19092, Duration.ofSeconds(5)));

    assertThat(p)
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("min.insync.replicas", "1")
        .doesNotContainKey("broker.session.timeout.ms");
  }

  @Test
  void aClusterNodeKnowsEveryVoterAndReplicatesItsInternalTopicsThreeTwo() {
    List<Integer> ports = List.of(23000, 23010, 23020);
    var p =
        BrokerConfig.of(
            new BrokerSettings(
                DIR,
                23010,
                Duration.ofSeconds(5),
                new KraftNode(2, ports, TopicReplication.PRODUCTION)));

    assertThat(p)
        .containsEntry("node.id", "2")
        .containsEntry(
            "controller.quorum.voters", "1@127.0.0.1:23001,2@127.0.0.1:23011,3@127.0.0.1:23021")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:23010,CONTROLLER://127.0.0.1:23011")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("unclean.leader.election.enable", "false")
        .containsEntry("broker.session.timeout.ms", "3000");
  }

  @Test
  void refusesAReplicationFactorTheClusterCannotPlace() {
    assertThatThrownBy(() -> new KraftNode(1, List.of(23000), TopicReplication.PRODUCTION))
        .hasMessageContaining("replication factor 3 needs at least as many brokers");
  }

  @Test
  void refusesANodeListedWithAnotherPort() {
    assertThatThrownBy(
            () ->
                new BrokerSettings(
                    DIR,
                    23011,
                    Duration.ofSeconds(5),
                    new KraftNode(2, List.of(23000, 23010, 23020), TopicReplication.PRODUCTION)))
        .hasMessageContaining("node 2 is listed with another port");
  }
}
