package dev.poststack.agent;

import dev.poststack.renderer.host.EntryChange;
import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real in-process KRaft broker with the project's host topics, and the provisioner's side of
 * them.
 */
public final class KafkaFixture implements AutoCloseable {
  /** A record as it landed on the topic. */
  public record Published(int partition, long offset, String key, String value) {}

  private final EmbeddedKafkaKraftBroker broker;
  private final KafkaProducer<String, String> producer;
  private boolean stopped;

  public KafkaFixture() {
    this(Map.of(), Map.of());
  }

  /**
   * @param brokerProperties broker settings (e.g. a log cleaner that runs often)
   * @param hostEntriesConfigs topic settings of the host-entries topic beyond the catalogue's
   */
  public KafkaFixture(
      Map<String, String> brokerProperties, Map<String, String> hostEntriesConfigs) {
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(brokerProperties);
    broker.afterPropertiesSet();
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (TopicSpec t : List.of(Topics.HOST_ENTRIES, Topics.HOST_STATUS, Topics.HOST_COMMANDS)) {
        Map<String, String> configs = new java.util.HashMap<>(t.configs());
        if (t.equals(Topics.HOST_ENTRIES)) {
          configs.putAll(hostEntriesConfigs);
        }
        topics.add(new NewTopic(t.name(), t.partitions(), (short) 1).configs(configs));
      }
      admin.createTopics(topics).all().get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap(),
                "acks",
                "all",
                "enable.idempotence",
                "true",
                "linger.ms",
                "0",
                "key.serializer",
                StringSerializer.class.getName(),
                "value.serializer",
                StringSerializer.class.getName()));
  }

  /** A store-only agent (no mail host) of {@code hostId} on this broker, reports every 30 s. */
  public AgentRuntime agent(String hostId, java.nio.file.Path store) {
    return AgentRuntime.start(
        new AgentSettings(
            hostId,
            bootstrap(),
            store,
            dev.poststack.agent.store.Durability.FULL,
            java.time.Duration.ofSeconds(30),
            2000,
            Optional.empty()));
  }

  public String bootstrap() {
    return broker.getBrokersAsString();
  }

  /**
   * Publishes changes as the provisioner does (key per entry, tombstone on removal) and waits for
   * the acks.
   */
  public List<Published> publish(List<EntryChange> changes) {
    List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
    for (EntryChange c : changes) {
      String value = c instanceof EntryChange.Put put ? put.entry().line() : null;
      acks.add(
          producer.send(new ProducerRecord<>(Topics.HOST_ENTRIES.name(), c.key().value(), value)));
    }
    List<Published> published = new ArrayList<>();
    try {
      for (int i = 0; i < changes.size(); i++) {
        RecordMetadata md = acks.get(i).get();
        EntryChange c = changes.get(i);
        published.add(
            new Published(
                md.partition(),
                md.offset(),
                c.key().value(),
                c instanceof EntryChange.Put put ? put.entry().line() : null));
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return published;
  }

  /** A resync request as the provisioner sends it (key = host id). */
  public void requestResync(dev.poststack.schemas.host.HostResyncRequest request) {
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap(), "acks", "all"),
            new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      p.send(
              new ProducerRecord<>(
                  Topics.HOST_COMMANDS.name(),
                  request.getHostId(),
                  dev.poststack.schemas.HostRecordCodec.encode(request)))
          .get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Raw record, for hostile input. */
  public void publishRaw(String key, String value) {
    try {
      producer.send(new ProducerRecord<>(Topics.HOST_ENTRIES.name(), key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The latest status report of a host, if any. */
  public Optional<HostApplyReport> latestReport(String hostId) {
    List<HostApplyReport> all = reports(hostId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every status report of a host on the topic, oldest first. */
  public List<HostApplyReport> reports(String hostId) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap(),
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()))) {
      TopicPartition tp = new TopicPartition(Topics.HOST_STATUS.name(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<HostApplyReport> reports = new ArrayList<>();
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (hostId.equals(r.key())) {
            reports.add(HostReportCodec.decode(r.value()));
          }
        }
      }
      return reports;
    }
  }

  /** Stops the broker for good (the embedded broker cannot restart). */
  public void stop() {
    if (!stopped) {
      stopped = true;
      producer.close(Duration.ofSeconds(1));
      broker.destroy();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
