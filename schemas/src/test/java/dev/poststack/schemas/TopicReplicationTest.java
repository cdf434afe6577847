package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

  @Test
  void unsetMeansASingleBroker() {
    assertThat(TopicReplication.fromEnvironment(Map.of()))
        .isEqualTo(TopicReplication.SINGLE_BROKER);
  }

  @Test
  void aFactorOfThreeAloneGivesTheProductionMinInsyncOfTwo() {
    assertThat(TopicReplication.fromEnvironment(Map.of(TopicReplication.FACTOR_VARIABLE, "3")))
        .isEqualTo(TopicReplication.PRODUCTION);
  }

  @Test
  void bothSettingsAreTakenAsGiven() {
    assertThat(
            TopicReplication.fromEnvironment(
                Map.of(
                    TopicReplication.FACTOR_VARIABLE,
                    " 5 ",
                    TopicReplication.MIN_INSYNC_VARIABLE,
                    "3")))
        .isEqualTo(new TopicReplication(5, 3));
  }

  @Test
  void refusesAMinInsyncAboveTheFactorNamingTheVariable() {
    assertThatThrownBy(
            () ->
                TopicReplication.fromEnvironment(
                    Map.of(
                        TopicReplication.FACTOR_VARIABLE,
                        "1",
                        TopicReplication.MIN_INSYNC_VARIABLE,
                        "2")))
        .hasMessage(
            "POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS must be between 1 and the replication factor (1),"
                + " got 2");
  }

  @Test
  void refusesANonNumberNamingTheVariable() {
    assertThatThrownBy(
            () ->
                TopicReplication.fromEnvironment(Map.of(TopicReplication.FACTOR_VARIABLE, "three")))
        .hasMessage("POSTSTACK_KAFKA_REPLICATION_FACTOR must be a whole number, got 'three'");
  }

  @Test
  void everyTopicIsCreatedWithTheMinInsyncBesideItsCleanup() {
    for (TopicSpec spec : Topics.all()) {
      assertThat(spec.configs(TopicReplication.PRODUCTION))
          .containsEntry("min.insync.replicas", "2")
          .containsAllEntriesOf(spec.configs());
    }
  }
}
