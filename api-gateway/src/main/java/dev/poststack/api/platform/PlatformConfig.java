package dev.poststack.api.platform;

import dev.poststack.schemas.TopicSpec;
import dev.poststack.schemas.Topics;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans with no better home: the clock events are stamped with, the topic the API writes. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Declared here too so the API can start first; the broker's default replication applies. */
  @Bean
  NewTopic mailboxEventsTopic() {
    TopicSpec spec = Topics.MAILBOX_EVENTS;
    return new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
        .configs(spec.configs());
  }
}
