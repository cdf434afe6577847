package dev.poststack.bench.kafka;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.bench.baseline.RawKafkaProduceBaseline;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.kafka.KafkaCluster;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What replication costs a write: the awaited produce the API does for every event (acks=all,
 * idempotent, linger 0), on the single dev broker and on a 3-broker KRaft cluster replicating 3 / 2
 * (the production setting), in one run on one machine, 1 and 32 clients, and the ratios. The
 * brokers run one after the other, never side by side, so neither steals the other's cores; on one
 * machine the cluster's three JVMs share those cores, which a real cluster does not.
 */
public final class KafkaClusterBench {
  private static final String TOPIC = "bench.raw";
  private static final int ROUNDS = Integer.getInteger("bench.kafka.rounds", 2);

  private KafkaClusterBench() {}

  public static void run() throws Exception {
    int scale = Integer.getInteger("bench.scale", 1);
    Report report = new Report();
    Path dir = Files.createTempDirectory("poststack-bench-kafka-");
    try {
      List<Latencies.Result[]> single = new ArrayList<>();
      List<Latencies.Result[]> cluster = new ArrayList<>();
      // alternating rounds: a machine that gets busier during the run weighs on both sides
      for (int round = 1; round <= ROUNDS; round++) {
        System.out.printf("[bench kafka-cluster] round %d/%d: single broker%n", round, ROUNDS);
        single.add(singleBroker(dir.resolve("single-" + round), scale));
        System.out.printf("[bench kafka-cluster] round %d/%d: 3-broker cluster%n", round, ROUNDS);
        cluster.add(threeBrokers(dir.resolve("cluster-" + round), scale));
      }
      for (int round = 0; round < ROUNDS; round++) {
        Latencies.Result[] s = single.get(round);
        Latencies.Result[] c = cluster.get(round);
        String r = " (round " + (round + 1) + ")";
        report.add("awaited produce, 1 broker RF 1, 1 client" + r, s[0]);
        report.add("awaited produce, 3 brokers RF 3 min.insync 2, 1 client" + r, c[0]);
        report.ratio(
            "  ratio p50 / p99, 1 client: " + ratios(c[0], s[0]), c[0].p50Ms() / s[0].p50Ms());
        report.add("awaited produce, 1 broker RF 1, 32 clients" + r, s[1]);
        report.add("awaited produce, 3 brokers RF 3 min.insync 2, 32 clients" + r, c[1]);
        report.ratio(
            "  ratio p50 / p99, 32 clients: " + ratios(c[1], s[1]), c[1].p50Ms() / s[1].p50Ms());
      }
      report.print();
    } finally {
      deleteTree(dir);
    }
  }

  private static String ratios(Latencies.Result cluster, Latencies.Result single) {
    return String.format(
        "%.2f / %.2f", cluster.p50Ms() / single.p50Ms(), cluster.p99Ms() / single.p99Ms());
  }

  private static Latencies.Result[] singleBroker(Path dir, int scale) throws Exception {
    try (KafkaBrokerProcess broker =
        KafkaBrokerProcess.start(
            new BrokerSettings(dir, FreePorts.pairForBroker(), Duration.ofSeconds(60)))) {
      createTopic(broker.bootstrapServers(), TopicReplication.SINGLE_BROKER);
      return measure(broker.bootstrapServers(), scale);
    }
  }

  private static Latencies.Result[] threeBrokers(Path dir, int scale) throws Exception {
    try (KafkaCluster cluster =
        KafkaCluster.start(
            dir, brokerPorts(3), TopicReplication.PRODUCTION, Duration.ofSeconds(90))) {
      createTopic(cluster.bootstrapServers(), TopicReplication.PRODUCTION);
      return measure(cluster.bootstrapServers(), scale);
    }
  }

  private static Latencies.Result[] measure(String bootstrap, int scale) throws Exception {
    return new Latencies.Result[] {
      RawKafkaProduceBaseline.measure(bootstrap, TOPIC, 1, 2000 * scale),
      RawKafkaProduceBaseline.measure(bootstrap, TOPIC, 32, 8000 * scale)
    };
  }

  /** Three partitions, as the events topic, replicated and guarded as {@code replication} says. */
  private static void createTopic(String bootstrap, TopicReplication replication) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(TOPIC, 3, replication.factorAsShort())
                      .configs(
                          Map.of(
                              "min.insync.replicas", Integer.toString(replication.minInsync())))))
          .all()
          .get();
    }
  }

  /** Client ports of {@code n} brokers, none another's controller port (p + 1). */
  private static List<Integer> brokerPorts(int n) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < n) {
      int p = FreePorts.pairForBroker();
      if (ports.stream().noneMatch(q -> Math.abs(q - p) <= 1)) {
        ports.add(p);
      }
    }
    return ports;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
