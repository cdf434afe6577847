package dev.poststack.launcher.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The dev broker's server.properties: one KRaft node that is its own controller. */
final class BrokerConfig {
  private BrokerConfig() {}

  static Map<String, String> of(BrokerSettings settings) {
    String controller = "127.0.0.1:" + settings.controllerPort();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    // a static voter set is read from this file on every start, so a changed port is just a restart
    p.put("controller.quorum.voters", "1@" + controller);
    p.put(
        "listeners", "PLAINTEXT://" + settings.bootstrapServers() + ",CONTROLLER://" + controller);
    p.put("advertised.listeners", "PLAINTEXT://" + settings.bootstrapServers());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", settings.logDir().toAbsolutePath().toString());
    p.put("num.partitions", "3");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
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
