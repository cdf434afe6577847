package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.event.MailboxCreated;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.test.context.TestPropertySource;

/**
 * A publish the broker took but whose acknowledgement never reached the API (a lost answer, a
 * request time-out): the API answers 503, the provisioner applies the event all the same, and the
 * client's retry with the same Idempotency-Key must get the first request's answer, not a 409
 * against its own mailbox. The broker, the provisioner and the database are real; only the
 * acknowledgement is taken away, between the producer and the API.
 */
@TestPropertySource(properties = "poststack.work.publish.timeout=2s")
@Import(UncertainPublishIT.AckLosingProducer.class)
class UncertainPublishIT extends ApiIT {
  static final AtomicBoolean LOSE_ACKS = new AtomicBoolean();

  @Test
  void aRetryAfterALostAcknowledgementGetsTheAppliedMailboxNotAConflict() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Fixtures.mailbox(t.domainId(), "uncertain");

    LOSE_ACKS.set(true);
    try {
      expectProblem(api.post("/mailboxes", body, key), 503, "service_unavailable");
    } finally {
      LOSE_ACKS.set(false);
    }
    // the event reached the log and was applied although the API could not tell
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/mailboxes?per_page=100")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody()
                    .contains("\"uncertain@"));

    String retry =
        api.post("/mailboxes", body, key)
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(retry).contains("\"emailAddress\":\"uncertain@" + t.domainName() + "\"");

    EventCodec codec = new EventCodec();
    assertThat(
            eventLog().all().stream()
                .filter(r -> r.key().equals(Long.toString(t.domainId())))
                .map(r -> codec.decode(r.value()))
                .filter(e -> e instanceof MailboxCreated)
                .map(e -> Events.envelope(e).getEventId())
                .distinct()
                .count())
        .as("one MailboxCreated event id: the retry published the first event again")
        .isEqualTo(1);
    api.post("/mailboxes", body, key).expectStatus().isCreated();
  }

  /**
   * Sends every record to the real broker but, while {@link #LOSE_ACKS} is set, never passes its
   * acknowledgement on: the API's wait for it times out as if the answer had been lost.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class AckLosingProducer {
    @Bean
    static BeanPostProcessor loseAcknowledgements() {
      return new BeanPostProcessor() {
        @Override
        @SuppressWarnings("unchecked")
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof DefaultKafkaProducerFactory<?, ?> factory) {
            ((DefaultKafkaProducerFactory<Object, Object>) factory)
                .addPostProcessor(AckLosingProducer::wrap);
          }
          return bean;
        }
      };
    }

    @SuppressWarnings("unchecked")
    static Producer<Object, Object> wrap(Producer<Object, Object> real) {
      return (Producer<Object, Object>)
          Proxy.newProxyInstance(
              Producer.class.getClassLoader(),
              new Class<?>[] {Producer.class},
              (proxy, method, args) -> {
                if (LOSE_ACKS.get()
                    && method.getName().equals("send")
                    && args != null
                    && args.length == 2) {
                  real.send((ProducerRecord<Object, Object>) args[0]);
                  return new CompletableFuture<>(); // the acknowledgement that never comes
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
