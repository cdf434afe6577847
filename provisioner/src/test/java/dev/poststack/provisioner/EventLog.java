package dev.poststack.provisioner;

import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The API's side of the topic, for tests: publishes events as the API does, reads the DLT. */
public final class EventLog implements AutoCloseable {
  private final EventCodec codec = new EventCodec();
  private final KafkaProducer<String, byte[]> producer;
  private final String brokers;

  public EventLog(String brokers) {
    this.brokers = brokers;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Publishes and waits for the broker's ack, keyed by domain id like the API. */
  public RecordMetadata publish(SpecificRecord event) {
    return publishRaw(Events.partitionKey(event), codec.encode(event));
  }

  public List<RecordMetadata> publishAll(SpecificRecord... events) {
    List<RecordMetadata> sent = new ArrayList<>();
    for (SpecificRecord event : events) {
      sent.add(publish(event));
    }
    return sent;
  }

  public RecordMetadata publishRaw(String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS.name(), key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("publish failed", e);
    }
  }

  /** Everything on the dead-letter topic so far. */
  public List<ConsumerRecord<String, byte[]>> deadLetters() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition dlt = new TopicPartition(Topics.MAILBOX_EVENTS_DLT.name(), 0);
      consumer.assign(List.of(dlt));
      consumer.seekToBeginning(List.of(dlt));
      long end = consumer.endOffsets(List.of(dlt)).get(dlt);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (consumer.position(dlt) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** True once the group has committed the end offset of every partition of the topic. */
  public boolean consumedToTheEnd(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < Topics.MAILBOX_EVENTS.partitions(); p++) {
        latest.put(new TopicPartition(Topics.MAILBOX_EVENTS.name(), p), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get();
      return ends.entrySet().stream()
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
   * True once the group is stable with one member per partition of the topic, each owning exactly
   * one: what a test of partition isolation starts from.
   */
  public boolean onePartitionPerMember(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      return described.groupState() == GroupState.STABLE
          && described.members().size() == Topics.MAILBOX_EVENTS.partitions()
          && described.members().stream()
              .allMatch(m -> m.assignment().topicPartitions().size() == 1);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The group's committed offset of a partition, or -1 if it has none yet. */
  public long committedOffset(String group, int partition) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      OffsetAndMetadata committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(Topics.MAILBOX_EVENTS.name(), partition));
      return committed == null ? -1 : committed.offset();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
