package dev.poststack.api.host;

import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Removes a host the way ADR 0005 allows: the API does not write {@code mail_host}; it publishes a
 * tombstone for the host id on the status topic (acks=all), which the provisioner applies by
 * marking the host removed.
 */
@Component
class HostRemoval {
  private final KafkaTemplate<String, byte[]> kafka;

  HostRemoval(KafkaTemplate<String, byte[]> kafka) {
    this.kafka = kafka;
  }

  Mono<Void> publishTombstone(String hostId) {
    return Mono.<Void>fromCallable(
            () -> {
              try {
                kafka.send(Topics.HOST_STATUS.name(), hostId, null).get(10, TimeUnit.SECONDS);
                return null;
              } catch (TimeoutException | ExecutionException e) {
                throw ApiException.unavailable("the status topic is unavailable; retry");
              }
            })
        .subscribeOn(Schedulers.boundedElastic());
  }
}
