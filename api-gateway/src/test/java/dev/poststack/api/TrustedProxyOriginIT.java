package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.EdgeLimitsApiIT;
import dev.poststack.api.support.PublishedEvents;
import dev.poststack.schemas.event.DomainCreated;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy (here the test client, 127.0.0.1), the event's source address is the
 * nearest {@code X-Forwarded-For} hop that is no trusted proxy; hops further left, which the client
 * wrote itself, prove nothing. No provisioner runs in this context: the create answers 202, and the
 * event on the topic is what is checked.
 */
class TrustedProxyOriginIT extends EdgeLimitsApiIT {

  @Test
  void xForwardedForFromATrustedProxyNamesTheClient() {
    var team = newTeam();
    String name = "p" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    new Api(http, team.apiKey())
        .withHeader("X-Forwarded-For", "198.51.100.66, 2001:DB8:0:0:0:0:0:9, 127.0.0.1")
        .post("/domains", Map.of("name", name))
        .expectStatus()
        .value(status -> assertThat(status).isIn(201, 202));

    DomainCreated event =
        PublishedEvents.of(
                eventLog(), team.teamId(), DomainCreated.class, e -> e.getName().equals(name))
            .get(0);
    assertThat(event.getEnvelope().getSourceIp()).isEqualTo("2001:db8::9");
    assertThat(event.getEnvelope().getUserAgent()).isEqualTo(Api.USER_AGENT);
  }
}
