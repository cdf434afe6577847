package dev.poststack.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.auth.Permission;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.RequestBodies;
import dev.poststack.api.outcome.EventJournal;
import dev.poststack.api.outcome.EventResumer;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.support.ApiIT;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.DomainDeleted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Claims over time, driven with actions the test controls: a takeover of a claim gone silent, the
 * late completion of the request it took over, a slow request that keeps its claim, expiry.
 */
class WritesIT extends ApiIT {
  @Autowired DatabaseClient db;
  @Autowired ReactiveTransactionManager transactions;
  @Autowired RequestBodies bodies;

  private Caller caller;
  private String token;

  @BeforeEach
  void aKey() throws Exception {
    var team = newTeam();
    token = team.apiKey();
    try (var c = DB.connect();
        var s = c.prepareStatement("select id from api_key where key_hash = ?")) {
      s.setString(1, new ApiKeySecret(token).hash());
      var rs = s.executeQuery();
      rs.next();
      caller = new Caller(team.teamId(), rs.getLong(1), Permission.FULL_ACCESS, null);
    }
  }

  @Test
  void theLateCompletionOfATakenOverRequestLeavesTheTakersAnswerAndAnswersIt() throws Exception {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    Sinks.One<ApiResponse> late = Sinks.one();
    CompletableFuture<ResponseEntity<byte[]>> original =
        writes.handle(request(key, "{\"n\":1}"), body -> late.asMono()).toFuture();
    awaitClaim(key);
    silenceClaim(key);

    ResponseEntity<byte[]> taker =
        writes.handle(request(key, "{\"n\":1}"), answer("taker")).block();
    late.tryEmitValue(ApiResponse.created(Map.of("by", "original")));

    assertThat(text(taker)).isEqualTo("{\"by\":\"taker\"}");
    assertThat(text(original.get()))
        .as("the loser answers as a retry would")
        .isEqualTo(text(taker));
    assertThat(text(writes.handle(request(key, "{\"n\":1}"), answer("retry")).block()))
        .isEqualTo("{\"by\":\"taker\"}");
  }

  @Test
  void aRetryAfterAnUncertainPublishResumesTheRecordedEventInsteadOfRunningAgain() {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    SpecificRecord event = anEvent();
    AtomicInteger runs = new AtomicInteger();

    ResponseEntity<byte[]> first =
        writes
            .handle(request(key, "{\"n\":1}"), publishesThenFails(event))
            .onErrorResume(
                dev.poststack.api.problem.ApiException.class,
                e -> Mono.just(ResponseEntity.status(e.status()).body(e.code().getBytes())))
            .block();
    assertThat(first.getStatusCode().value()).isEqualTo(503);
    String hash = ClientKeys.of(key, token).lookup();
    assertThat(
            count(
                "select count(*) from idempotency_record where key_hash = '"
                    + hash
                    + "' and state = 'uncertain' and event_id = '"
                    + Events.envelope(event).getEventId()
                    + "' and sealed_event is not null"))
        .as("kept with its event, sealed")
        .isEqualTo(1);

    ResponseEntity<byte[]> retry =
        writes
            .handle(
                request(key, "{\"n\":1}"),
                body -> {
                  runs.incrementAndGet();
                  return Mono.just(ApiResponse.created(Map.of("by", "a second run")));
                })
            .block();

    assertThat(text(retry)).isEqualTo("{\"by\":\"resumed\"}");
    assertThat(runs).as("the request did not run again").hasValue(0);
    assertThat(resumed).containsExactly(event);
    assertThat(
            count(
                "select count(*) from idempotency_record where key_hash = '"
                    + hash
                    + "' and state = 'completed' and sealed_event is null"))
        .as("completed, the event dropped")
        .isEqualTo(1);
    assertThat(text(writes.handle(request(key, "{\"n\":1}"), answer("again")).block()))
        .isEqualTo("{\"by\":\"resumed\"}");
  }

  @Test
  void anUncertainRequestIsResumedOnlyByTheSameRequestOfTheSameKey() {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    writes
        .handle(request(key, "{\"n\":1}"), publishesThenFails(anEvent()))
        .onErrorResume(e -> Mono.empty())
        .block();

    ResponseEntity<byte[]> other =
        writes
            .handle(request(key, "{\"n\":2}"), answer("other"))
            .onErrorResume(
                dev.poststack.api.problem.ApiException.class,
                e -> Mono.just(ResponseEntity.status(e.status()).body(e.code().getBytes())))
            .block();
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(resumed).isEmpty();
  }

  @Test
  void aRequestThatFailsBeforeRecordingAnEventRunsAgainOnRetry() {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    writes
        .handle(
            request(key, "{\"n\":1}"),
            body -> Mono.error(dev.poststack.api.problem.ApiException.unavailable("down")))
        .onErrorResume(e -> Mono.empty())
        .block();

    assertThat(text(writes.handle(request(key, "{\"n\":1}"), answer("second")).block()))
        .isEqualTo("{\"by\":\"second\"}");
    assertThat(resumed).isEmpty();
  }

  @Test
  void aSilentClaimIsTakenOverOnlyByTheSameRequest() {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    Sinks.One<ApiResponse> never = Sinks.one();
    writes.handle(request(key, "{\"n\":1}"), body -> never.asMono()).subscribe();
    awaitClaim(key);
    silenceClaim(key);

    ResponseEntity<byte[]> other =
        writes
            .handle(request(key, "{\"n\":2}"), answer("other"))
            .onErrorResume(
                dev.poststack.api.problem.ApiException.class,
                e -> Mono.just(ResponseEntity.status(e.status()).body(e.code().getBytes())))
            .block();
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(text(other)).isEqualTo("idempotency_key_reused");
  }

  @Test
  void aTakenOverWriteInOneTransactionIsUndoneWhenItCompletesLate() {
    Writes writes = writes(Map.of());
    String key = UUID.randomUUID().toString();
    String originalTeam = "original-" + UUID.randomUUID();
    String takerTeam = "taker-" + UUID.randomUUID();
    Sinks.One<ApiResponse> late = Sinks.one();
    Sinks.Empty<Void> inserted = Sinks.empty();
    CompletableFuture<ResponseEntity<byte[]>> original =
        writes
            .handleInOneTransaction(
                request(key, "{}"),
                body ->
                    insertTeam(originalTeam)
                        .then(Mono.fromRunnable(inserted::tryEmitEmpty))
                        .then(late.asMono()))
            .toFuture();
    inserted.asMono().block(Duration.ofSeconds(30));
    silenceClaim(key);

    ResponseEntity<byte[]> taker =
        writes
            .handleInOneTransaction(
                request(key, "{}"),
                body ->
                    insertTeam(takerTeam)
                        .then(Mono.just(ApiResponse.created(Map.of("by", "taker")))))
            .block();
    late.tryEmitValue(ApiResponse.created(Map.of("by", "original")));

    assertThat(text(original.join())).isEqualTo(text(taker)).isEqualTo("{\"by\":\"taker\"}");
    assertThat(teams(originalTeam)).as("the original's own change, rolled back").isZero();
    assertThat(teams(takerTeam)).isEqualTo(1);
  }

  @Test
  void aSlowRequestThatStillShowsSignsOfLifeIsNotTakenOver() throws Exception {
    Writes writes = writes(Map.of("poststack.idempotency.stale-after", "2s"));
    String key = UUID.randomUUID().toString();
    AtomicInteger runs = new AtomicInteger();
    Sinks.One<ApiResponse> slow = Sinks.one();
    CompletableFuture<ResponseEntity<byte[]>> first =
        writes
            .handle(
                request(key, "{}"),
                body -> {
                  runs.incrementAndGet();
                  return slow.asMono();
                })
            .toFuture();
    awaitClaim(key);
    Thread.sleep(4_000); // twice stale-after: without its heartbeat the claim would look dead

    CompletableFuture<ResponseEntity<byte[]>> retry =
        writes
            .handle(
                request(key, "{}"),
                body -> {
                  runs.incrementAndGet();
                  return Mono.just(ApiResponse.created(Map.of("by", "retry")));
                })
            .toFuture();
    Thread.sleep(200);
    slow.tryEmitValue(ApiResponse.created(Map.of("by", "first")));

    assertThat(text(first.get())).isEqualTo("{\"by\":\"first\"}");
    assertThat(text(retry.get())).isEqualTo("{\"by\":\"first\"}");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aKeyPastItsRetentionCanBeUsedForAnotherRequest() {
    Writes writes = writes(Map.of("poststack.idempotency.retention", "1s"));
    String key = UUID.randomUUID().toString();
    assertThat(text(writes.handle(request(key, "{\"n\":1}"), answer("first")).block()))
        .isEqualTo("{\"by\":\"first\"}");

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                writes
                    .handle(request(key, "{\"n\":2}"), answer("second"))
                    .map(WritesIT::text)
                    .onErrorResume(e -> Mono.just("refused"))
                    .block()
                    .equals("{\"by\":\"second\"}"));
    assertThat(text(writes.handle(request(key, "{\"n\":2}"), answer("again")).block()))
        .isEqualTo("{\"by\":\"second\"}");
  }

  private Writes writes(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    ApiProperties properties =
        new Binder(new MapConfigurationPropertySource(all))
            .bindOrCreate("poststack", ApiProperties.class);
    return new Writes(
        bodies, new IdempotencyStore(db, properties), transactions, properties, resumer);
  }

  /** What the retry of a request whose publish was uncertain hands on: the recorded event. */
  private final List<SpecificRecord> resumed = new CopyOnWriteArrayList<>();

  private final EventResumer resumer =
      (event, who, path) -> {
        resumed.add(event);
        return Mono.just(ApiResponse.created(Map.of("by", "resumed")));
      };

  /** An action that records its event the way Submissions does, then fails like a lost ack. */
  private static Function<JsonBody, Mono<ApiResponse>> publishesThenFails(SpecificRecord event) {
    return body ->
        Mono.deferContextual(context -> context.<EventJournal>get(EventJournal.class).record(event))
            .then(
                Mono.error(
                    dev.poststack.api.problem.ApiException.unavailable(
                        "the event log did not acknowledge the event in time; retry")));
  }

  private SpecificRecord anEvent() {
    return DomainDeleted.newBuilder()
        .setEnvelope(
            Envelopes.byApiKey(
                caller.teamId(),
                caller.actorId(),
                RequestId.server("req-" + UUID.randomUUID()),
                Clock.systemUTC()))
        .setDomainId(42)
        .build();
  }

  private MockServerWebExchange request(String idempotencyKey, String json) {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("/things")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(Writes.HEADER, idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json));
    caller.attachTo(exchange);
    return exchange;
  }

  private static Function<JsonBody, Mono<ApiResponse>> answer(String by) {
    return body -> Mono.just(ApiResponse.created(Map.of("by", by)));
  }

  private Mono<Void> insertTeam(String name) {
    return db.sql("insert into team (name) values (:name)").bind("name", name).then();
  }

  private void awaitClaim(String idempotencyKey) {
    String hash = ClientKeys.of(idempotencyKey, token).lookup();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("select count(*) from idempotency_record where key_hash = '" + hash + "'")
                    == 1);
  }

  /** Its instance froze: no sign of life from the claim for longer than stale-after. */
  private void silenceClaim(String idempotencyKey) {
    db.sql(
            "update idempotency_record set updated_at = now() - interval '1 hour'"
                + " where key_hash = :key and state = 'in_progress'")
        .bind("key", ClientKeys.of(idempotencyKey, token).lookup())
        .fetch()
        .rowsUpdated()
        .block();
  }

  private long teams(String name) {
    return count("select count(*) from team where name = '" + name + "'");
  }

  private static long count(String sql) {
    try (var c = DB.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(ResponseEntity<byte[]> answer) {
    return new String(answer.getBody(), StandardCharsets.UTF_8);
  }
}
