package dev.poststack.api.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.WebhookReceiver;
import dev.poststack.api.webhook.TargetPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real requests to a real HTTP server on loopback, with the policy on and off. */
class TargetClientTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void aNameThatResolvesToAPrivateAddressIsNotSentToWhenPrivateTargetsAreRefused() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1"));
      // a public-looking name whose DNS answer is loopback (rebinding): checked at send time
      TargetClient strict =
          new TargetClient(
              new TargetPolicy(false),
              SECOND,
              SECOND,
              host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
      var refused =
          strict.post(
              "https://hooks.example.com:" + port + "/hook", new byte[] {'{', '}'}, Map.of());
      assertThat(refused.statusCode()).isNull();
      assertThat(refused.error()).contains("private or reserved address");
      var literal = strict.post(receiver.url(), new byte[] {'{', '}'}, Map.of());
      assertThat(literal.error()).startsWith("not sent");
      assertThat(receiver.received()).isEmpty();

      TargetClient dev = new TargetClient(new TargetPolicy(true), SECOND, SECOND);
      var sent = dev.post(receiver.url(), "{\"a\":1}".getBytes(), Map.of("X-Test", "yes"));
      assertThat(sent.succeeded()).isTrue();
      assertThat(sent.responseBody()).isEqualTo("status 200");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0).header("X-Test")).isEqualTo("yes");
      assertThat(receiver.received().get(0).text()).isEqualTo("{\"a\":1}");
    }
  }

  @Test
  void aRedirectIsNotFollowedAndALongAnswerIsReadOnlyInPart() {
    try (WebhookReceiver receiver = new WebhookReceiver().thenAnswer(302)) {
      TargetClient dev = new TargetClient(new TargetPolicy(true), SECOND, SECOND);
      var redirected = dev.post(receiver.url(), new byte[0], Map.of());
      assertThat(redirected.statusCode()).isEqualTo(302);
      assertThat(redirected.succeeded()).isFalse();
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void aSilentEndpointTimesOut() throws Exception {
    try (var silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TargetClient dev = new TargetClient(new TargetPolicy(true), SECOND, Duration.ofMillis(300));
      var result =
          dev.post("http://127.0.0.1:" + silent.getLocalPort() + "/", new byte[0], Map.of());
      assertThat(result.statusCode()).isNull();
      assertThat(result.error()).isEqualTo("timed out");
    }
  }
}
