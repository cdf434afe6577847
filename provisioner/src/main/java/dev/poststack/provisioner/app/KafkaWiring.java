package dev.poststack.provisioner.app;

import dev.poststack.provisioner.rules.UnknownEventException;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.UndecodableEventException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka settings the provisioner's guarantees rest on. Set in code rather than properties so that
 * no shared {@code application.properties} (the dev launcher runs several apps) can weaken them.
 */
@Configuration(proxyBeanMethods = false)
class KafkaWiring {
  /** The container factory of the mailbox-events listener: batches, offsets after each batch. */
  static final String MAILBOX_EVENTS_FACTORY = "mailboxEventContainerFactory";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaWiring.class);

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  @Bean
  DefaultKafkaConsumerFactoryCustomizer mailboxEventConsumer() {
    return factory ->
        factory.updateConfigs(
            Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                // raw bytes: decoding happens in the listener, where a failure can be dead-lettered
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                // a new group must read the log of record from its start, never skip to the end
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
  }

  /**
   * Record listeners (host status): each record's offset right after its own transaction; a failure
   * (the database is down) is retried with back-off for as long as it takes.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(false);
    factory.getContainerProperties().setAckMode(AckMode.RECORD);
    var backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(30_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(Long.MAX_VALUE);
    var handler = new DefaultErrorHandler(backOff);
    handler.setClassifications(Map.of(), true);
    factory.setCommonErrorHandler(handler);
    return factory;
  }

  @Bean
  RetryPolicy retryPolicy(
      @Value("${poststack.provisioner.retry.attempts:8}") int attempts,
      @Value("${poststack.provisioner.retry.initial-backoff:200ms}") Duration initial,
      @Value("${poststack.provisioner.retry.max-backoff:30s}") Duration max) {
    return new RetryPolicy(attempts, initial, max);
  }

  /**
   * The mailbox events: one consumer per partition of the catalogue's topic ({@code concurrency}),
   * so a record retried with back-off holds back its own partition only, never another domain's.
   * One poll's records are applied in one transaction and their offsets are committed after the
   * listener returns (AckMode BATCH), never before. {@code fetch.min.bytes} stays 1, so the broker
   * answers a fetch as soon as one record is there: batching costs a lone event no latency, and
   * under load a poll simply carries what arrived meanwhile, up to {@code
   * poststack.provisioner.max-batch} records.
   */
  @Bean(MAILBOX_EVENTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> mailboxEventContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      GiveUpRecoverer giveUp,
      RetryPolicy retryPolicy,
      @Value("${poststack.provisioner.max-batch:250}") int maxBatch) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    factory.setConcurrency(Topics.MAILBOX_EVENTS.partitions());
    factory.getContainerProperties().setAckMode(AckMode.BATCH);
    Properties consumer = new Properties();
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatch));
    consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    // a rebalance (a member joins or leaves) must not stop every partition while one consumer is
    // busy with a stuck record: cooperative members keep their partitions meanwhile (range is
    // listed second so that a rolling restart can still agree with older members)
    consumer.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName() + "," + RangeAssignor.class.getName());
    factory.getContainerProperties().setKafkaConsumerProperties(consumer);
    factory.setCommonErrorHandler(mailboxEventErrorHandler(giveUp, retryPolicy));
    return factory;
  }

  /**
   * Undecodable or unknown records go to the dead-letter topic at once (synchronously, with the
   * reason and original position in {@code kafka_dlt-*} headers) and the partition moves on; so
   * does a copy of each event the provisioner gave up on ({@link GiveUpRecoverer}).
   */
  @Bean
  ConsumerRecordRecoverer mailboxEventDeadLetters(KafkaTemplate<String, byte[]> deadLetters) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetters,
            (record, failure) -> new TopicPartition(Topics.MAILBOX_EVENTS_DLT.name(), -1));
    return (record, failure) -> {
      recoverer.accept(record, failure);
      // after the publish succeeded: the record is on the DLT and its offset may be committed
      LOG.error(
          "dead-lettered {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          reason(failure));
    };
  }

  /**
   * The mailbox-events listener dead-letters undecodable records itself and reports any other
   * failure as a {@code BatchListenerFailedException} naming the record: the records before it keep
   * their commit, it and the rest are redelivered after the back-off. After {@link
   * RetryPolicy#attempts()} deliveries {@link GiveUpRecoverer} refuses it (or, if the database
   * cannot even record that, throws, and the attempts start again: an outage is retried forever).
   */
  private static DefaultErrorHandler mailboxEventErrorHandler(
      GiveUpRecoverer giveUp, RetryPolicy retryPolicy) {
    var handler = new DefaultErrorHandler(giveUp::recover, retryPolicy.backOff());
    // replaces spring-kafka's default fatal list (e.g. ClassCastException): such a failure is
    // retried like any other before the provisioner gives up on the event
    handler.setClassifications(
        Map.of(UndecodableEventException.class, false, UnknownEventException.class, false), true);
    // a failed give-up (the database is down) starts the record's attempts and back-off afresh
    handler.setResetStateOnRecoveryFailure(true);
    return handler;
  }

  /** The decoder's own words, not the listener-invocation wrapper's. */
  private static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UndecodableEventException || t instanceof UnknownEventException) {
        return t.getMessage();
      }
    }
    return String.valueOf(failure.getMessage());
  }

  @Bean
  ProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new DefaultKafkaProducerFactory<>(
        config, new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  KafkaTemplate<String, byte[]> deadLetterTemplate(ProducerFactory<String, byte[]> producers) {
    return new KafkaTemplate<>(producers);
  }

  /**
   * How the topics it creates are replicated: {@code POSTSTACK_KAFKA_REPLICATION_FACTOR} and {@code
   * POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS} (Spring reads them as these properties), 1 / 1 on a single
   * dev broker, 3 / 2 in production.
   */
  @Bean
  TopicReplication topicReplication(
      @Value("${poststack.kafka.replication-factor:1}") int factor,
      @Value("${poststack.kafka.min-insync-replicas:0}") int minInsync) {
    return TopicReplication.of(factor, minInsync);
  }

  /** Creates the topics if missing (never alters existing ones), as the catalogue specifies. */
  @Bean
  KafkaAdmin.NewTopics provisionerTopics(TopicReplication replication) {
    return new KafkaAdmin.NewTopics(
        Topics.all().stream()
            .map(
                t ->
                    TopicBuilder.name(t.name())
                        .partitions(t.partitions())
                        .replicas(replication.factor())
                        .configs(t.configs(replication))
                        .build())
            .toArray(NewTopic[]::new));
  }
}
