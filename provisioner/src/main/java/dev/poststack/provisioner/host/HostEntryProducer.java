package dev.poststack.provisioner.host;

import dev.poststack.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The only producer on {@link Topics#HOST_ENTRIES}: key = entry key, value = the line in UTF-8 or
 * null (tombstone). acks=all and idempotence, so a record the broker acknowledged is replicated and
 * records of one partition (so of one key) land in the order they were sent, even across retries.
 */
@Component
public class HostEntryProducer implements DisposableBean {
  private final Producer<String, byte[]> producer;

  public HostEntryProducer(KafkaProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // at most 5 in flight is what keeps an idempotent producer's per-partition order
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends in the given order; completes with each record's position once all are acknowledged. */
  public CompletableFuture<List<RecordMetadata>> send(List<OutboxRecord> records) {
    List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
    for (OutboxRecord r : records) {
      CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
      byte[] value = r.line() == null ? null : r.line().getBytes(StandardCharsets.UTF_8);
      producer.send(
          new ProducerRecord<>(Topics.HOST_ENTRIES.name(), r.entryKey(), value),
          (metadata, failure) -> {
            if (failure != null) {
              ack.completeExceptionally(failure);
            } else {
              ack.complete(metadata);
            }
          });
      acks.add(ack);
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .thenApply(done -> acks.stream().map(CompletableFuture::join).toList());
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }
}
