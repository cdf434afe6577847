package dev.poststack.system.support;

import dev.poststack.launcher.kafka.ClusterAdmin;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Three KRaft nodes of the official Apache Kafka image (the one docker-compose.yml runs), on a
 * network of their own, each node a broker and a controller. Each node's client port is bound to a
 * fixed free host port, so a node killed ({@code docker kill}) and started again ({@code docker
 * start}, same container, same data) advertises the address clients already know.
 */
final class ContainerCluster implements BrokerCluster {
  /** The Kafka version of the clients the apps are built with, as in docker-compose.yml. */
  static final String IMAGE = "apache/kafka:4.1.2";

  private final Network network = Network.newNetwork();
  private final List<KafkaContainer> nodes = new ArrayList<>();
  private final Path logDir;

  private ContainerCluster(Path logDir) {
    this.logDir = logDir;
  }

  /** Whether containers can run here (no Docker engine on our own machines). */
  static boolean available() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static ContainerCluster start(Path logDir) {
    ContainerCluster cluster = new ContainerCluster(logDir);
    String voters =
        IntStream.rangeClosed(1, 3)
            .mapToObj(n -> n + "@node-" + n + ":9094")
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    for (int n = 1; n <= 3; n++) {
      KafkaContainer node =
          new KafkaContainer(IMAGE)
              .withNetwork(cluster.network)
              .withNetworkAliases("node-" + n)
              .withEnv("CLUSTER_ID", clusterId)
              .withEnv("KAFKA_NODE_ID", Integer.toString(n))
              .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
              .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
              .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
              .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
              .withStartupTimeout(Duration.ofMinutes(2));
      node.setPortBindings(List.of(FreePorts.pairForBroker() + ":9092"));
      cluster.nodes.add(node);
    }
    try {
      // a quorum forms only when its voters run: all three start together
      cluster.nodes.parallelStream().forEach(KafkaContainer::start);
      cluster.awaitBrokers(3, Duration.ofMinutes(2));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public String bootstrapServers() {
    return nodes.stream().map(KafkaContainer::getBootstrapServers).collect(Collectors.joining(","));
  }

  @Override
  public TopicReplication replication() {
    return TopicReplication.PRODUCTION;
  }

  @Override
  public List<String> ensureTopics(List<TopicSpec> catalogue) {
    return ClusterAdmin.ensureTopics(bootstrapServers(), catalogue, replication());
  }

  @Override
  public int leaderOf(String topic, int partition) {
    return ClusterAdmin.leaderOf(bootstrapServers(), topic, partition);
  }

  @Override
  public Map<Integer, Integer> inSyncReplicas(String topic) {
    return ClusterAdmin.inSyncReplicas(bootstrapServers(), topic);
  }

  @Override
  public void kill(int nodeId) {
    DockerClientFactory.instance()
        .client()
        .killContainerCmd(nodes.get(nodeId - 1).getContainerId())
        .exec();
  }

  @Override
  public void restart(int nodeId) {
    DockerClientFactory.instance()
        .client()
        .startContainerCmd(nodes.get(nodeId - 1).getContainerId())
        .exec();
  }

  @Override
  public void awaitBrokers(int count, Duration timeout) {
    ClusterAdmin.awaitBrokers(bootstrapServers(), count, timeout);
  }

  @Override
  public List<Path> logs() {
    List<Path> logs = new ArrayList<>();
    for (int n = 1; n <= nodes.size(); n++) {
      logs.add(logDir.resolve("node-" + n + ".log"));
    }
    return logs;
  }

  /** Writes each node's output to {@link #logs()}, then removes the containers and the network. */
  @Override
  public void close() {
    try {
      Files.createDirectories(logDir);
      for (int n = 1; n <= nodes.size(); n++) {
        KafkaContainer node = nodes.get(n - 1);
        if (node.getContainerId() != null) {
          Files.writeString(
              logDir.resolve("node-" + n + ".log"), node.getLogs(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // logs are a courtesy; the containers must go regardless
      System.err.println("cannot keep the Kafka containers' logs: " + e);
    } finally {
      nodes.forEach(KafkaContainer::stop);
      network.close();
    }
  }
}
