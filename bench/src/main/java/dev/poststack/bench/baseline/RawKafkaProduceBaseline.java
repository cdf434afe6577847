package dev.poststack.bench.baseline;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Load;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One awaited send with the settings the API uses (acks=all, idempotent, linger.ms=0). */
public final class RawKafkaProduceBaseline {
  private RawKafkaProduceBaseline() {}

  public static Latencies.Result measure(
      String bootstrap, String topic, int clients, int operations) throws Exception {
    byte[] payload = new byte[300];
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      Load.Operation send =
          seq -> producer.send(new ProducerRecord<>(topic, Long.toString(seq % 64), payload)).get();
      Load.run(clients, operations / 4, Duration.ofSeconds(10), send);
      return Load.run(clients, operations, Duration.ofSeconds(30), send);
    }
  }
}
