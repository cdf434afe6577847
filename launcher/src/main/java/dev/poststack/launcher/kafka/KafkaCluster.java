package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster on this machine: {@code n} combined controller + broker nodes, each its own child
 * JVM from Kafka's artifacts (as the dev broker), together an {@code n}-voter quorum sharing one
 * cluster id. Any node can be SIGKILLed and started again on its data directory, which is what the
 * failover test and the cluster bench do.
 *
 * <p>Node {@code i} (1-based) keeps its data in {@code <dataDir>/node-i} and listens on {@code
 * ports[i-1]}, its controller on that port + 1.
 */
public final class KafkaCluster implements AutoCloseable {
  private final List<BrokerSettings> nodes;
  private final TopicReplication replication;
  private final KafkaBrokerProcess[] running;

  private KafkaCluster(List<BrokerSettings> nodes, TopicReplication replication) {
    this.nodes = nodes;
    this.replication = replication;
    this.running = new KafkaBrokerProcess[nodes.size()];
  }

  /**
   * Starts every node and returns once each answers and the cluster counts all of them.
   *
   * @param ports each node's client port (controller on port + 1); their number is the cluster's
   * @param replication of the topics it creates and of its internal topics
   */
  public static KafkaCluster start(
      Path dataDir, List<Integer> ports, TopicReplication replication, Duration startTimeout) {
    KafkaCluster cluster =
        new KafkaCluster(settings(dataDir, ports, replication, startTimeout), replication);
    try {
      cluster.shareClusterId(dataDir);
      for (int i = 0; i < cluster.nodes.size(); i++) {
        cluster.running[i] = KafkaBrokerProcess.launch(cluster.nodes.get(i));
      }
      for (KafkaBrokerProcess node : cluster.running) {
        node.awaitReady();
      }
      cluster.awaitBrokers(cluster.nodes.size(), startTimeout);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static List<BrokerSettings> settings(
      Path dataDir, List<Integer> ports, TopicReplication replication, Duration startTimeout) {
    List<BrokerSettings> nodes = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      nodes.add(
          new BrokerSettings(
              dataDir.resolve("node-" + (i + 1)),
              ports.get(i),
              startTimeout,
              new KraftNode(i + 1, ports, replication)));
    }
    return List.copyOf(nodes);
  }

  /** Every node formats its storage with the same cluster id, or the quorum never forms. */
  private void shareClusterId(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path shared = dataDir.resolve("cluster.id");
      if (!Files.exists(shared)) {
        Files.writeString(shared, Uuid.randomUuid() + "\n", StandardCharsets.UTF_8);
      }
      String id = Files.readString(shared, StandardCharsets.UTF_8);
      for (BrokerSettings node : nodes) {
        Files.createDirectories(node.dataDir());
        Files.writeString(node.clusterIdFile(), id, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new OperatorException("cannot write the Kafka cluster id: " + e.getMessage(), e);
    }
  }

  /** {@code host:port,…} of every node, as clients take it. */
  public String bootstrapServers() {
    return nodes.stream().map(BrokerSettings::bootstrapServers).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  public TopicReplication replication() {
    return replication;
  }

  /** Creates the topics of {@code catalogue} the cluster lacks; returns the names it created. */
  public List<String> ensureTopics(List<TopicSpec> catalogue) {
    return ClusterAdmin.ensureTopics(bootstrapServers(), catalogue, replication);
  }

  /** The node id leading {@code partition} of {@code topic} now. */
  public int leaderOf(String topic, int partition) {
    return ClusterAdmin.leaderOf(bootstrapServers(), topic, partition);
  }

  /** How many replicas of each partition of {@code topic} are in sync now, by partition. */
  public Map<Integer, Integer> inSyncReplicas(String topic) {
    return ClusterAdmin.inSyncReplicas(bootstrapServers(), topic);
  }

  /** Waits until the cluster's metadata lists {@code count} live brokers. */
  public void awaitBrokers(int count, Duration timeout) {
    ClusterAdmin.awaitBrokers(bootstrapServers(), count, timeout);
  }

  /** SIGKILLs node {@code nodeId} (1-based); its data directory stays for {@link #restart}. */
  public synchronized void kill(int nodeId) {
    KafkaBrokerProcess node = running[nodeId - 1];
    if (node != null) {
      node.kill();
      running[nodeId - 1] = null;
    }
  }

  /** Starts node {@code nodeId} again on its data directory; returns once it answers. */
  public synchronized void restart(int nodeId) {
    if (running[nodeId - 1] == null) {
      running[nodeId - 1] = KafkaBrokerProcess.start(nodes.get(nodeId - 1));
    }
  }

  public synchronized boolean isRunning(int nodeId) {
    return running[nodeId - 1] != null && running[nodeId - 1].isAlive();
  }

  /** Each node's broker.log, for a test run's kept logs. */
  public List<Path> logs() {
    return nodes.stream().map(BrokerSettings::brokerLog).toList();
  }

  /**
   * Stops every running node, all at once: one by one, the last ones would wait out their grace
   * period for a controlled shutdown that a quorum without a majority can never grant.
   */
  @Override
  public synchronized void close() {
    List<Thread> stops = new ArrayList<>();
    for (int i = 0; i < running.length; i++) {
      KafkaBrokerProcess node = running[i];
      running[i] = null;
      if (node != null) {
        Thread stop = new Thread(node::close, "kafka-node-" + (i + 1) + "-stop");
        stop.start();
        stops.add(stop);
      }
    }
    boolean interrupted = false;
    for (Thread stop : stops) {
      while (stop.isAlive()) {
        try {
          stop.join();
        } catch (InterruptedException e) {
          interrupted = true; // every node is still stopped before we return
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
