package dev.poststack.launcher.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A broker's server.properties: a combined KRaft controller and broker, alone (the dev broker) or
 * one voter of a small cluster. Internal topics get the cluster's replication: 1 on one broker,
 * where 3 could never be placed, the production 3 / 2 on three.
 */
final class BrokerConfig {
  private BrokerConfig() {}

  static Map<String, String> of(BrokerSettings settings) {
    String controller = "127.0.0.1:" + settings.controllerPort();
    KraftNode node = settings.node();
    String factor = Integer.toString(node.replication().factor());
    String minIsr = Integer.toString(node.replication().minInsync());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(node.nodeId()));
    // a static voter set is read from this file on every start, so a changed port is just a restart
    p.put("controller.quorum.voters", node.voters());
    p.put(
        "listeners", "PLAINTEXT://" + settings.bootstrapServers() + ",CONTROLLER://" + controller);
    p.put("advertised.listeners", "PLAINTEXT://" + settings.bootstrapServers());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", settings.logDir().toAbsolutePath().toString());
    p.put("num.partitions", "3");
    // what a topic created without explicit settings gets (the catalogue's always say)
    p.put("default.replication.factor", factor);
    p.put("min.insync.replicas", minIsr);
    // committed consumer positions live on a broker too: with one copy, losing that broker sends
    // every consumer group back to its reset point
    p.put("offsets.topic.replication.factor", factor);
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", factor);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("share.coordinator.state.topic.replication.factor", factor);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    // a replica that was behind never becomes leader: it would drop acknowledged records
    p.put("unclean.leader.election.enable", "false");
    if (!node.isSingle()) {
      // a SIGKILLed node is fenced (its partitions led elsewhere) after this long without a
      // heartbeat; Kafka's 9 s would hold acks=all writes to its partitions for as long
      p.put("broker.session.timeout.ms", "3000");
      p.put("broker.heartbeat.interval.ms", "500");
    }
    // no rebalance delay: a dev consumer should get its partitions at once
    p.put("group.initial.rebalance.delay.ms", "0");
    // topics come from the catalogue only; a typo must fail, not create a topic
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  static String render(BrokerSettings settings) {
    return of(settings).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
