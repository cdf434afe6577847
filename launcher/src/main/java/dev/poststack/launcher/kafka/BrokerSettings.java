package dev.poststack.launcher.kafka;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run one broker: the dev broker, or one node of a {@link KafkaCluster}.
 *
 * @param dataDir everything the broker keeps: cluster id, logs, server.properties, broker.log
 * @param port the client (PLAINTEXT) port; the KRaft controller listens on {@code port + 1}
 * @param startTimeout how long to wait for the broker to answer before giving up
 * @param node its id, its quorum's voters and the replication of its internal topics
 */
public record BrokerSettings(Path dataDir, int port, Duration startTimeout, KraftNode node) {

  public BrokerSettings {
    if (port < 1 || port > 65534) {
      throw new IllegalArgumentException(
          "Kafka port must be 1..65534 (controller uses port + 1): " + port);
    }
    if (node.voterPorts().get(node.nodeId() - 1) != port) {
      throw new IllegalArgumentException(
          "node " + node.nodeId() + " is listed with another port than " + port);
    }
  }

  /** The single dev broker, its own controller. */
  public BrokerSettings(Path dataDir, int port, Duration startTimeout) {
    this(dataDir, port, startTimeout, KraftNode.single(port));
  }

  public int controllerPort() {
    return port + 1;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  Path logDir() {
    return dataDir.resolve("log");
  }

  Path clusterIdFile() {
    return dataDir.resolve("cluster.id");
  }

  Path serverProperties() {
    return dataDir.resolve("server.properties");
  }

  Path brokerLog() {
    return dataDir.resolve("broker.log");
  }
}
