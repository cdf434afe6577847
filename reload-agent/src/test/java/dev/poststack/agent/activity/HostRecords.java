package dev.poststack.agent.activity;

import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a host sent to the activity and deliveries topics, read from the start each time. */
final class HostRecords {
  private final String bootstrap;

  HostRecords(String bootstrap) {
    this.bootstrap = bootstrap;
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (TopicSpec t : List.of(Topics.HOST_ACTIVITY, Topics.MAIL_DELIVERIES)) {
        topics.add(new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()));
      }
      admin.createTopics(topics).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(e);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  List<MailboxActivity> activity() {
    return read(Topics.HOST_ACTIVITY).stream()
        .map(r -> HostRecordCodec.decodeActivity(r.value()))
        .toList();
  }

  List<MailboxActivity> activity(String address) {
    return activity().stream().filter(a -> a.getAddress().equals(address)).toList();
  }

  List<MailDelivered> deliveries(String address) {
    return read(Topics.MAIL_DELIVERIES).stream()
        .filter(r -> r.key().equals(address))
        .map(r -> HostRecordCodec.decodeDelivery(r.value()))
        .toList();
  }

  private List<ConsumerRecord<String, byte[]>> read(TopicSpec topic) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()))) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < topic.partitions(); p++) {
        parts.add(new TopicPartition(topic.name(), p));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
        }
      }
      return out;
    }
  }
}
