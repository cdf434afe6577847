package dev.poststack.system.support;

import dev.poststack.launcher.kafka.KafkaCluster;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The brokers as child JVMs: the launcher's own {@link KafkaCluster}. */
record ProcessCluster(KafkaCluster cluster) implements BrokerCluster {
  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public TopicReplication replication() {
    return cluster.replication();
  }

  @Override
  public List<String> ensureTopics(List<TopicSpec> catalogue) {
    return cluster.ensureTopics(catalogue);
  }

  @Override
  public int leaderOf(String topic, int partition) {
    return cluster.leaderOf(topic, partition);
  }

  @Override
  public Map<Integer, Integer> inSyncReplicas(String topic) {
    return cluster.inSyncReplicas(topic);
  }

  @Override
  public void kill(int nodeId) {
    cluster.kill(nodeId);
  }

  @Override
  public void restart(int nodeId) {
    cluster.restart(nodeId);
  }

  @Override
  public void awaitBrokers(int count, Duration timeout) {
    cluster.awaitBrokers(count, timeout);
  }

  @Override
  public List<Path> logs() {
    return cluster.logs();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
