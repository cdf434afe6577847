package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.PublishedEvents;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxUpdated;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event published for a request carries where the request came from: the TCP peer (no proxy
 * is trusted here) and the User-Agent as the audit keeps it. Events the operator or the system
 * cause carry none.
 */
class RequestOriginIT extends ApiIT {

  @Test
  void aCreateCarriesThePeersAddressAndTheUserAgentItSent() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    long id =
        created(
            new Api(http, t.apiKey()).withHeader("User-Agent", "poststack-sdk/1.2"),
            Fixtures.mailbox(t.domainId(), "origin"));

    Envelope envelope = mailboxCreated(t.teamId(), id);
    assertThat(envelope.getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(envelope.getUserAgent()).isEqualTo("poststack-sdk/1.2");

    Envelope byOperator =
        PublishedEvents.of(eventLog(), t.teamId(), DomainCreated.class, e -> true)
            .get(0)
            .getEnvelope();
    assertThat(byOperator.getSourceIp()).isNull();
    assertThat(byOperator.getUserAgent()).isNull();
  }

  @Test
  void aUserAgentWithControlCharactersIsKeptWithoutThem() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    long id = created(api, Fixtures.mailbox(t.domainId(), "cleaned"));

    // a tab (the one control character HTTP lets through) and a Latin-1 byte: neither is kept
    api.withHeader("User-Agent", "evil\tagent\u00e9/2")
        .patch("/mailboxes/" + id, Map.of("displayName", "Cleaned"))
        .expectStatus()
        .isOk();

    Envelope envelope =
        PublishedEvents.of(
                eventLog(), t.teamId(), MailboxUpdated.class, e -> e.getMailboxId() == id)
            .get(0)
            .getEnvelope();
    assertThat(envelope.getUserAgent()).isEqualTo("evilagent/2");
  }

  @Test
  void xForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    long id =
        created(
            new Api(http, t.apiKey()).withHeader("X-Forwarded-For", "203.0.113.9"),
            Fixtures.mailbox(t.domainId(), "spoofed"));

    assertThat(mailboxCreated(t.teamId(), id).getSourceIp()).isEqualTo("127.0.0.1");
  }

  private static long created(Api api, Map<String, Object> body) {
    Map<?, ?> answer =
        api.post("/mailboxes", body)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((Number) ((Map<?, ?>) answer.get("mailbox")).get("id")).longValue();
  }

  private Envelope mailboxCreated(long teamId, long mailboxId) {
    return PublishedEvents.of(
            eventLog(), teamId, MailboxCreated.class, e -> e.getMailboxId() == mailboxId)
        .get(0)
        .getEnvelope();
  }
}
