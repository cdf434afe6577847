package dev.poststack.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

class DurableProducerTest {

  @Test
  void overridesAPropertyFileThatWouldLetTheLeaderAloneAcknowledge() {
    var factory =
        new DefaultKafkaProducerFactory<String, byte[]>(
            Map.of(
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false,
                ProducerConfig.LINGER_MS_CONFIG,
                20));

    new DurableProducer().durableProducerSettings().customize(factory);

    assertThat(factory.getConfigurationProperties())
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
  }
}
