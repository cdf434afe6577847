package dev.poststack.api.platform;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's one producer writes the log of record and the control records: a write it answers 201
 * for must survive a broker's loss. So acks=all (every in-sync replica, at least {@code
 * min.insync.replicas}, has it) and idempotence (a retried send is not a second record, and one
 * domain's events stay in order) are set here in code, over whatever a property file says, as the
 * provisioner does; linger 0 because each request waits for its own acknowledgement.
 */
@Configuration(proxyBeanMethods = false)
class DurableProducer {
  static final Map<String, Object> GUARANTEES =
      Map.of(
          ProducerConfig.ACKS_CONFIG,
          "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          true,
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
          5,
          ProducerConfig.LINGER_MS_CONFIG,
          0);

  @Bean
  DefaultKafkaProducerFactoryCustomizer durableProducerSettings() {
    return factory -> factory.updateConfigs(GUARANTEES);
  }
}
