package dev.poststack.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessIT {
  private static final TopicSpec EVENTS = Topics.MAILBOX_EVENTS;

  @TempDir Path dataDir;

  @Test
  void keepsTopicsAndRecordsAcrossARestartAndLeavesNoChildProcessBehind() throws Exception {
    BrokerSettings settings =
        new BrokerSettings(dataDir, FreePorts.pairForBroker(), Duration.ofSeconds(40));
    String value = "record-" + UUID.randomUUID();

    ProcessHandle first;
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings)) {
      first = ProcessHandle.of(broker.pid()).orElseThrow();
      assertThat(broker.ensureTopics(Topics.all()))
          .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
      produce(broker.bootstrapServers(), value);
    }
    assertThat(first.isAlive()).as("broker child JVM after close").isFalse();

    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings)) {
      assertThat(broker.ensureTopics(Topics.all())).as("topics created on restart").isEmpty();
      assertThat(consumeAll(broker.bootstrapServers())).contains(value);
    }
  }

  @Test
  void refusesToStartOnAPortThatIsAlreadyTaken() throws Exception {
    int port = FreePorts.pairForBroker();
    try (var busy = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  KafkaBrokerProcess.start(
                      new BrokerSettings(dataDir, port, Duration.ofSeconds(5))))
          .isInstanceOf(OperatorException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("POSTSTACK_KAFKA_PORT");
    }
  }

  private static void produce(String bootstrap, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(config)) {
      producer.send(new ProducerRecord<>(EVENTS.name(), "domain-1", value)).get();
    }
  }

  private static List<String> consumeAll(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "launcher-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(config)) {
      consumer.subscribe(List.of(EVENTS.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(
              new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
