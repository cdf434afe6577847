package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.EdgeLimitsApiIT;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Requests without a working key are throttled per client address before authentication does any
 * work; bad keys are remembered for a while; good keys are served through a flood.
 */
@DirtiesContext // a context of its own: close it when done, it holds database connections
class UnauthenticatedFloodIT extends EdgeLimitsApiIT {
  private static final String LOOKUPS = "poststack.api.key.lookups";
  private static final int FLOOD = 10_000;
  private static final int GOOD_EVERY = 200;

  @Test
  void aFloodOfBogusKeysIsMostlyRefusedWithoutLookupsWhileAGoodKeyFromTheSameAddressIsServed() {
    String address = "203.0.113.10";
    String goodKey = newTeam().apiKey();
    WebClient client = webClient();
    assertThat(get(client, "/mailboxes", address, goodKey).block()).isEqualTo(200);
    double lookupsBefore = counter(LOOKUPS, "result", "not_found");
    int resentBefore = resent.get();

    Map<Integer, AtomicInteger> bogus = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> good = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    // 10,000 fresh bogus keys (so no cache can answer them), 48 in flight, with a good key's
    // request among them every 200: the good ones are in the middle of the flood by construction
    Flux.range(0, FLOOD + FLOOD / GOOD_EVERY)
        .flatMap(
            i -> {
              boolean isGood = i % (GOOD_EVERY + 1) == 0;
              String key = isGood ? goodKey : ApiKeySecret.generate().plaintext();
              Map<Integer, AtomicInteger> tally = isGood ? good : bogus;
              return get(client, "/mailboxes", address, key)
                  .doOnNext(
                      s -> tally.computeIfAbsent(s, x -> new AtomicInteger()).incrementAndGet());
            },
            48)
        .blockLast(Duration.ofMinutes(3));
    long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;

    // what the address's budget can have let through: its burst and 1 a second since
    long admitted = ADDRESS_BURST + elapsedSeconds;
    assertThat(counts(good)).containsOnlyKeys(200);
    assertThat(counts(bogus)).containsOnlyKeys(401, 429);
    int total = counts(bogus).values().stream().mapToInt(Integer::intValue).sum();
    int unauthorized = counts(bogus).get(401);
    assertThat(unauthorized).isLessThanOrEqualTo((int) admitted);
    assertThat(counts(bogus).get(429)).isGreaterThanOrEqualTo(total - (int) admitted);
    // a request sent again after a lost answer was looked up the first time too
    assertThat(counter(LOOKUPS, "result", "not_found") - lookupsBefore)
        .as("api_key lookups for the flood's keys")
        .isLessThanOrEqualTo(unauthorized + resent.get() - resentBefore);
  }

  @Test
  void aRepeatedBogusKeyIsLookedUpOnce() {
    String address = "203.0.113.20";
    String bogusKey = ApiKeySecret.generate().plaintext();
    WebClient client = webClient();
    double lookupsBefore = counter(LOOKUPS, "result", "not_found");

    List<Integer> statuses =
        Flux.range(0, 5)
            .concatMap(i -> get(client, "/mailboxes", address, bogusKey))
            .collectList()
            .block();

    assertThat(statuses).containsOnly(401);
    assertThat(counter(LOOKUPS, "result", "not_found") - lookupsBefore).isEqualTo(1);
  }

  @Test
  void anAddressThatSpentItsBudgetGets429WithRetryAfterAndOtherAddressesAreNotAffected() {
    String flooder = "203.0.113.30";
    WebClient client = webClient();
    for (int i = 0; i < ADDRESS_BURST + 5; i++) {
      get(client, "/mailboxes", flooder, null).block(); // no key at all
    }

    http.get()
        .uri("/mailboxes")
        .header("X-Forwarded-For", flooder)
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .value("Retry-After", v -> assertThat(Integer.parseInt(v)).isBetween(1, 60))
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("rate_limit_exceeded");
    assertThat(get(client, "/mailboxes", "203.0.113.31", null).block()).isEqualTo(401);
    // public paths are never throttled: a load balancer's health check keeps working
    assertThat(get(client, "/actuator/health", flooder, null).block()).isEqualTo(200);
  }

  private static Map<Integer, Integer> counts(Map<Integer, AtomicInteger> tally) {
    return tally.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
  }
}
