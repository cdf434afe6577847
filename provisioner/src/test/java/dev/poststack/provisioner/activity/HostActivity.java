package dev.poststack.provisioner.activity;

import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailboxActivity;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The mail hosts' side of {@code poststack.host-activity}: reports keyed by address, as sent. */
final class HostActivity implements AutoCloseable {
  private final String brokers;
  private final KafkaProducer<String, byte[]> producer;

  HostActivity(String brokers) {
    this.brokers = brokers;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  void send(MailboxActivity... reports) {
    for (MailboxActivity report : reports) {
      sendRaw(report.getAddress(), HostRecordCodec.encode(report));
    }
  }

  void sendRaw(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(Topics.HOST_ACTIVITY.name(), key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  /** True once the group has committed the end offset of every partition of the topic. */
  boolean consumedToTheEnd(String group) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < Topics.HOST_ACTIVITY.partitions(); p++) {
        latest.put(new TopicPartition(Topics.HOST_ACTIVITY.name(), p), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get().entrySet().stream()
          .allMatch(
              end ->
                  end.getValue().offset() == 0
                      || (committed.get(end.getKey()) != null
                          && committed.get(end.getKey()).offset() == end.getValue().offset()));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets the (stopped) group back to the start of every partition: what a crash after each
   * transaction and before any offset commit would leave, all the way back.
   */
  void rewind(String group) throws InterruptedException, ExecutionException {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      for (int p = 0; p < Topics.HOST_ACTIVITY.partitions(); p++) {
        start.put(new TopicPartition(Topics.HOST_ACTIVITY.name(), p), new OffsetAndMetadata(0));
      }
      admin.alterConsumerGroupOffsets(group, start).all().get();
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
  }

  @Override
  public void close() {
    producer.close();
  }
}
