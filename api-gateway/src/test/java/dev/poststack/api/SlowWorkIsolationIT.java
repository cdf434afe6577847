package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.mailbox.HeldHashing;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.Seed;
import dev.poststack.testing.LoopbackDnsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One team's slow work waits in its own line: while team A's domain verifications hang on a name
 * server that never answers (a real one on loopback, asked by the real dnsjava resolver), or A's
 * password hashes are held, team B's mailbox creates are answered 201, and A beyond its share gets
 * a 503 with Retry-After at once. No timing is asserted: what B gets is checked while A's work is
 * known to hang.
 */
@TestPropertySource(
    properties = {
      "poststack.test.shared-dns=false",
      // a lookup hangs for 20 s (one try) and the caller waits it out: A's verifications are
      // still hanging while B creates, however slow the machine
      "poststack.dns.query-timeout=20s",
      "poststack.dns.query-retries=1",
      "poststack.work.dns.timeout=60s",
      "poststack.work.dns.per-team-queued=0",
      // two hashing threads, one per team at a time, three more of a team's hashes in line
      "poststack.work.hash.threads=2",
      "poststack.work.hash.per-team-threads=1",
      "poststack.work.hash.per-team-queued=3",
      // the pool lends idle threads (the default), but only to an import's bulk work: A's single
      // creates keep to their share however idle the other thread is
      "poststack.work.hash.timeout=60s"
    })
@Import(HeldHashing.Config.class)
class SlowWorkIsolationIT extends ApiIT {
  private static final LoopbackDnsServer SILENT_DNS = LoopbackDnsServer.dropping();
  private static final int DNS_PER_TEAM_THREADS = 4; // the default
  private static final int HASH_SHARE = 1 + 3;

  @Autowired HeldHashing hashes;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @DynamicPropertySource
  static void silentNameServer(DynamicPropertyRegistry registry) {
    registry.add("poststack.dns.servers", SILENT_DNS::address);
  }

  @AfterEach
  void releaseHeldHashes() {
    hashes.release();
  }

  @Test
  void anotherTeamsCreatesSucceedWhileOneTeamsVerificationsHangOnASilentNameServer() {
    var a = newTeam();
    long slowDomain =
        new Seed(DB)
            .domain(
                a.teamId(),
                "slow-" + UUID.randomUUID().toString().substring(0, 8) + ".example",
                "pending",
                false);
    var b = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    int queriesBefore = SILENT_DNS.queries();

    List<CompletableFuture<HttpResponse<String>>> verifications =
        IntStream.range(0, 12)
            .mapToObj(i -> post(a.apiKey(), "/domains/" + slowDomain + "/verify", "{}"))
            .toList();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> SILENT_DNS.queries() - queriesBefore == DNS_PER_TEAM_THREADS);
    await().until(() -> done(verifications) == 12 - DNS_PER_TEAM_THREADS);

    Api apiB = new Api(http, b.apiKey());
    for (int i = 0; i < 5; i++) {
      apiB.post("/mailboxes", Fixtures.mailbox(b.domainId(), "b" + i)).expectStatus().isCreated();
    }

    assertThat(done(verifications))
        .as("B was answered while A's lookups still hung")
        .isEqualTo(12 - DNS_PER_TEAM_THREADS);
    verifications.stream()
        .filter(CompletableFuture::isDone)
        .forEach(f -> expectBusy(f.join(), "dns_busy"));
    await().atMost(Duration.ofSeconds(60)).until(() -> done(verifications) == verifications.size());
    verifications.stream()
        .map(CompletableFuture::join)
        .filter(r -> r.statusCode() != 503)
        .forEach(
            r -> {
              assertThat(r.statusCode()).isEqualTo(504);
              assertThat(r.body()).contains("\"code\":\"dns_lookup_failed\"");
            });
    new Api(http, a.apiKey())
        .get("/domains/" + slowDomain)
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("pending");
  }

  @Test
  void anotherTeamsCreatesSucceedWhileOneTeamFloodsCreatesBeyondItsHashingShare() {
    var a = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    var b = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    hashes.hold();

    List<CompletableFuture<HttpResponse<String>>> flood =
        IntStream.range(0, 40)
            .mapToObj(
                i ->
                    post(
                        a.apiKey(),
                        "/mailboxes",
                        "{\"domainId\":"
                            + a.domainId()
                            + ",\"localPart\":\"a"
                            + i
                            + "\",\"password\":\""
                            + HeldHashing.HELD
                            + UUID.randomUUID()
                            + "\"}"))
            .toList();
    await().until(() -> hashes.waiting() == 1 && done(flood) == 40 - HASH_SHARE);

    Api apiB = new Api(http, b.apiKey());
    for (int i = 0; i < 5; i++) {
      apiB.post("/mailboxes", Fixtures.mailbox(b.domainId(), "b" + i)).expectStatus().isCreated();
    }

    assertThat(done(flood))
        .as("B was answered while A's hashes were held")
        .isEqualTo(40 - HASH_SHARE);
    flood.stream()
        .filter(CompletableFuture::isDone)
        .forEach(f -> expectBusy(f.join(), "hashing_busy"));
    hashes.release();
    await().until(() -> done(flood) == flood.size());
    assertThat(flood.stream().map(f -> f.join().statusCode()).filter(s -> s == 201))
        .as("A's creates within its share went through")
        .hasSize(HASH_SHARE);
  }

  private static void expectBusy(HttpResponse<String> r, String code) {
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(r.body()).contains("\"code\":\"" + code + "\"");
  }

  private static long done(List<CompletableFuture<HttpResponse<String>>> requests) {
    return requests.stream().filter(CompletableFuture::isDone).count();
  }

  private CompletableFuture<HttpResponse<String>> post(String key, String path, String json) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + key)
            .header("User-Agent", Api.USER_AGENT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
