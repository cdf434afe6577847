package dev.poststack.system.support;

import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A 3-broker KRaft cluster a stack runs on, whatever runs the brokers: child JVMs from Kafka's
 * artifacts (launcher's {@code KafkaCluster}, everywhere) or the official Apache Kafka image in
 * containers (where a Docker engine runs). Node ids are 1-based.
 */
public interface BrokerCluster extends AutoCloseable {
  String bootstrapServers();

  TopicReplication replication();

  List<String> ensureTopics(List<TopicSpec> catalogue);

  int leaderOf(String topic, int partition);

  Map<Integer, Integer> inSyncReplicas(String topic);

  /** Kills node {@code nodeId} at once (SIGKILL); its data stays for {@link #restart}. */
  void kill(int nodeId);

  void restart(int nodeId);

  void awaitBrokers(int count, Duration timeout);

  /** Each node's log, for a test run's kept logs (written by then). */
  List<Path> logs();

  @Override
  void close();
}
