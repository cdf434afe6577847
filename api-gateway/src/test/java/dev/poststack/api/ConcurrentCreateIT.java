package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class ConcurrentCreateIT extends ApiIT {

  @Test
  void sixteenSimultaneousCreatesOfOneAddressGiveExactlyOne201AndFifteen409() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses =
        Flux.range(0, 16)
            .flatMap(
                i ->
                    client
                        .method(HttpMethod.POST)
                        .uri("/mailboxes")
                        .header("Authorization", "Bearer " + t.apiKey())
                        .header("User-Agent", Api.USER_AGENT)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .bodyValue(
                            Map.of(
                                "domainId",
                                t.domainId(),
                                "localPart",
                                "race",
                                "password",
                                "race-password-" + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())),
                16)
            .collectList()
            .block();
    assertThat(statuses).hasSize(16);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(15);
  }
}
