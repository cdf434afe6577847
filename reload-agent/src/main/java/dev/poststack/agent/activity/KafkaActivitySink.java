package dev.poststack.agent.activity;

import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends to {@link Topics#HOST_ACTIVITY} and {@link Topics#MAIL_DELIVERIES}, keyed by the mailbox
 * address, and waits for every acknowledgement ({@code acks=all}, idempotent producer). A failure
 * of any record fails the batch: the caller keeps its rows and log position and sends it all again
 * (consumers dedupe deliveries by {@code deliveryId}; an activity record sent twice changes
 * nothing).
 */
public final class KafkaActivitySink implements ActivitySink {
  private final KafkaProducer<String, byte[]> producer;

  public KafkaActivitySink(String bootstrapServers, String hostId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "poststack-agent-" + hostId + "-activity");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // bounded waits: with the broker away a poll fails after seconds and is tried again later
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  @Override
  public void send(List<MailboxActivity> activity, List<MailDelivered> deliveries) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try {
      for (MailboxActivity a : activity) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.HOST_ACTIVITY.name(), a.getAddress(), HostRecordCodec.encode(a))));
      }
      for (MailDelivered d : deliveries) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.MAIL_DELIVERIES.name(), d.getAddress(), HostRecordCodec.encode(d))));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new ActivityException("Kafka did not acknowledge the batch", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActivityException("interrupted while sending", e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new ActivityException("cannot send to Kafka", e);
    }
  }

  /** Fails the batches in flight now instead of waiting out the delivery timeout (15 s). */
  @Override
  public void abort() {
    producer.close(Duration.ZERO);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
