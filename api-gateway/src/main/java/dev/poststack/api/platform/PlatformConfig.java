package dev.poststack.api.platform;

import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans with no better home: the clock events are stamped with, the topic the API writes. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Declared here too so the API can start first, replicated as the provisioner creates it: {@code
   * POSTSTACK_KAFKA_REPLICATION_FACTOR} / {@code POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS} (unset
   * min.insync: factor - 1), 1 / 1 on a single dev broker.
   */
  @Bean
  NewTopic mailboxEventsTopic(
      @Value("${poststack.kafka.replication-factor:1}") int factor,
      @Value("${poststack.kafka.min-insync-replicas:0}") int minInsync) {
    TopicReplication replication = TopicReplication.of(factor, minInsync);
    TopicSpec spec = Topics.MAILBOX_EVENTS;
    return new NewTopic(
            spec.name(), Optional.of(spec.partitions()), Optional.of(replication.factorAsShort()))
        .configs(spec.configs(replication));
  }
}
