package dev.poststack.launcher.kafka;

import dev.poststack.schemas.TopicReplication;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A broker's place in its KRaft cluster: its node id, the client ports of every voter (node id =
 * index + 1, each voter's controller on its client port + 1), and the replication its internal
 * topics (consumer offsets, transaction state) and auto-sized defaults get.
 *
 * <p>Every node is a combined controller and broker, so {@code n} nodes are an {@code n}-voter
 * quorum: 3 keep a majority while any one is down.
 */
public record KraftNode(int nodeId, List<Integer> voterPorts, TopicReplication replication) {

  public KraftNode {
    voterPorts = List.copyOf(voterPorts);
    if (nodeId < 1 || nodeId > voterPorts.size()) {
      throw new IllegalArgumentException(
          "node id " + nodeId + " is not one of the " + voterPorts.size() + " voters");
    }
    if (replication.factor() > voterPorts.size()) {
      throw new IllegalArgumentException(
          "replication factor "
              + replication.factor()
              + " needs at least as many brokers; the cluster has "
              + voterPorts.size());
    }
  }

  /** The single dev broker: its own controller, everything replicated once. */
  public static KraftNode single(int port) {
    return new KraftNode(1, List.of(port), TopicReplication.SINGLE_BROKER);
  }

  public boolean isSingle() {
    return voterPorts.size() == 1;
  }

  /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:c1,2@127.0.0.1:c2,…}. */
  String voters() {
    return IntStream.range(0, voterPorts.size())
        .mapToObj(i -> (i + 1) + "@127.0.0.1:" + (voterPorts.get(i) + 1))
        .collect(Collectors.joining(","));
  }
}
