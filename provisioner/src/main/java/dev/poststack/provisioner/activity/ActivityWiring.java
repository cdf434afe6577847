package dev.poststack.provisioner.activity;

import dev.poststack.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The activity listener's own container, apart from the mailbox events' one: its own consumer group
 * and threads, so a flood of logins is never queued behind provisioning (nor the reverse).
 */
@Configuration(proxyBeanMethods = false)
class ActivityWiring {
  static final String ACTIVITY_FACTORY = "activityContainerFactory";

  /**
   * Batches (one transaction each, offsets after it), one consumer per partition of the topic. A
   * failed batch (the database is down, a lock timed out) is retried with back-off, without end:
   * giving up would drop observations that no later record may repeat (a login is reported once).
   */
  @Bean(ACTIVITY_FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> activityContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      @Value("${poststack.provisioner.activity.max-batch:500}") int maxBatch) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    factory.setConcurrency(Topics.HOST_ACTIVITY.partitions());
    factory.getContainerProperties().setAckMode(AckMode.BATCH);
    Properties consumer = new Properties();
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatch));
    consumer.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    factory.getContainerProperties().setKafkaConsumerProperties(consumer);
    var backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(30_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(Long.MAX_VALUE);
    var handler = new DefaultErrorHandler(backOff);
    handler.setClassifications(Map.of(), true);
    factory.setCommonErrorHandler(handler);
    return factory;
  }
}
