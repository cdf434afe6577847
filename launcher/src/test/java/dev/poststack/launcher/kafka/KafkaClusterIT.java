package dev.poststack.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three child-JVM brokers, one quorum, topics replicated 3 / 2: a SIGKILLed partition leader costs
 * no acknowledged record and no write, a second lost broker stops acks=all writes instead of taking
 * them on one copy, and the killed node rejoins from its data directory.
 */
class KafkaClusterIT {
  private static final TopicSpec EVENTS = Topics.MAILBOX_EVENTS;

  @TempDir Path dataDir;

  @Test
  void losesNoAcknowledgedRecordWhenALeaderIsKilledAndRefusesWritesWithoutTwoCopies()
      throws Exception {
    try (KafkaCluster cluster =
        KafkaCluster.start(
            dataDir, threeBrokerPorts(), TopicReplication.PRODUCTION, Duration.ofSeconds(90))) {
      assertThat(cluster.ensureTopics(Topics.all()))
          .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
      assertThat(cluster.inSyncReplicas(EVENTS.name()))
          .containsOnlyKeys(0, 1, 2)
          .allSatisfy((partition, isr) -> assertThat(isr).isEqualTo(3));
      assertThat(minInsync(cluster.bootstrapServers())).isEqualTo("2");

      Set<String> acknowledged = new HashSet<>();
      try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
        acknowledged.addAll(send(producer, "before", 50));
        int leader = cluster.leaderOf(EVENTS.name(), 0);
        cluster.kill(leader);
        acknowledged.addAll(send(producer, "one-down", 50));

        int second = leader % 3 + 1;
        cluster.kill(second);
        // one copy left and no controller majority: the write must never be acknowledged (the
        // producer may fail it or keep retrying; either way the caller hears no success)
        KafkaProducer<String, String> impatient = producer(cluster.bootstrapServers(), 4_000);
        try {
          Future<RecordMetadata> lonely =
              impatient.send(new ProducerRecord<>(EVENTS.name(), 0, "k", "with-one-broker"));
          assertThatThrownBy(() -> lonely.get(10, TimeUnit.SECONDS))
              .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        } finally {
          impatient.close(Duration.ZERO);
        }

        cluster.restart(second);
        cluster.restart(leader);
        cluster.awaitBrokers(3, Duration.ofSeconds(60));
        await("every partition back to three in-sync replicas")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    cluster.inSyncReplicas(EVENTS.name()).values().stream().allMatch(n -> n == 3));
        acknowledged.addAll(send(producer, "after", 50));
      }
      assertThat(consumeAll(cluster.bootstrapServers())).containsAll(acknowledged);
    }
  }

  /** Three broker ports, none another's controller port (p + 1). */
  private static List<Integer> threeBrokerPorts() {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < 3) {
      int p = FreePorts.pairForBroker();
      if (ports.stream().noneMatch(q -> Math.abs(q - p) <= 1)) {
        ports.add(p);
      }
    }
    return ports;
  }

  private static String minInsync(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, EVENTS.name());
      Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
      return config.get("min.insync.replicas").value();
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return producer(bootstrap, 20_000);
  }

  private static KafkaProducer<String, String> producer(String bootstrap, int deliveryTimeoutMs) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            deliveryTimeoutMs,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            Math.min(5_000, deliveryTimeoutMs / 2),
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  /** Sends {@code count} records over every partition and waits for each acknowledgement. */
  private static List<String> send(KafkaProducer<String, String> producer, String label, int count)
      throws Exception {
    List<String> values = new ArrayList<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String value = label + "-" + i + "-" + UUID.randomUUID();
      values.add(value);
      acks.add(producer.send(new ProducerRecord<>(EVENTS.name(), i % 3, "k" + i, value)));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    return values;
  }

  private static Set<String> consumeAll(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "cluster-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    Set<String> values = new HashSet<>();
    try (var consumer = new KafkaConsumer<String, String>(config)) {
      consumer.subscribe(List.of(EVENTS.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int idlePolls = 0;
      while (System.nanoTime() < deadline && (values.isEmpty() || idlePolls < 4)) {
        var records = consumer.poll(Duration.ofMillis(500));
        idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
        for (ConsumerRecord<String, String> r : records) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
