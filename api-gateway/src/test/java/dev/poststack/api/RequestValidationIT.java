package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * Hostile and malformed input is refused with a 4xx problem, never echoed, and publishes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationIT extends ApiIT {
  private static final String LONG = "x".repeat(65);
  private Api api;
  private long domain;
  private long mailbox;
  private long offsetsBefore;

  @BeforeAll
  void team() {
    var team =
        new dev.poststack.admin.team.TeamAdmin(
                new dev.poststack.admin.AdminDatabase(DB.jdbcUrl(), DB.user(), DB.password())
                    .withApiSchema())
            .createTeam("validation-" + System.nanoTime());
    Seed seed = new Seed(DB);
    domain = seed.verifiedDomain(team.teamId());
    mailbox = seed.mailbox(team.teamId(), domain, "existing");
    apiKey = team.apiKey();
  }

  private String apiKey;

  @BeforeEach
  void client() {
    api = new Api(http, apiKey);
    if (offsetsBefore == 0) {
      offsetsBefore = eventLog().endOffsetTotal();
    }
  }

  @AfterAll
  void nothingWasPublished() {
    assertThat(eventLog().endOffsetTotal())
        .as("records on the event topic")
        .isEqualTo(offsetsBefore);
  }

  static Stream<Arguments> hostileCreates() {
    return Stream.of(
        Arguments.of("localPart", "a:b"),
        Arguments.of("localPart", "a\nb"),
        Arguments.of("localPart", "a\u0000b"),
        Arguments.of("localPart", "../etc"),
        Arguments.of("localPart", "a b"),
        Arguments.of("localPart", " admin"),
        Arguments.of("localPart", "\u0430dmin"),
        Arguments.of("localPart", "\uFF41dmin"),
        Arguments.of("localPart", "\u212Aate"),
        Arguments.of("localPart", LONG),
        Arguments.of("localPart", ""),
        Arguments.of("localPart", ".lead"),
        Arguments.of("localPart", "double..dot"),
        Arguments.of("localPart", "postmaster\"quote"),
        Arguments.of("localPart", "root"),
        Arguments.of("localPart", 42),
        Arguments.of("displayName", "line\nbreak"),
        Arguments.of("displayName", "nul\u0000byte"),
        Arguments.of("displayName", "bidi\u202Eoverride"),
        Arguments.of("displayName", "zero\u200Bwidth"),
        Arguments.of("displayName", "y".repeat(129)),
        Arguments.of("displayName", " padded"),
        Arguments.of("displayName", List.of("array")),
        Arguments.of("password", "short"),
        Arguments.of("password", "has\u0000nul-inside"),
        Arguments.of("password", "has\nnewline-inside"),
        Arguments.of("password", "p".repeat(129)),
        Arguments.of("password", 12345678),
        Arguments.of("domainId", "not-an-id"),
        Arguments.of("domainId", 1.5),
        Arguments.of("domainId", -3),
        Arguments.of("quotaBytes", "1073741824"),
        Arguments.of("quotaBytes", 1.5),
        Arguments.of("quotaBytes", 0),
        Arguments.of("quotaBytes", Long.MAX_VALUE),
        Arguments.of("webhookEnabled", "yes"),
        Arguments.of("sneaky", "unknown field"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("hostileCreates")
  void refusesAHostileCreateWith422AndNeverEchoesThePassword(String field, Object value) {
    Map<String, Object> body = validCreate();
    body.put(field, value);
    String answer =
        new String(
            expectProblem(api.post("/mailboxes", body), 422, "validation_error")
                .jsonPath("$.errors[0].field")
                .isEqualTo(field)
                .jsonPath("$.errors[0].message")
                .isNotEmpty()
                .returnResult()
                .getResponseBody(),
            StandardCharsets.UTF_8);
    assertThat(answer).doesNotContain("secret-password-123");
    if (field.equals("password") && value instanceof String pw) {
      assertThat(answer).doesNotContain(pw);
    }
  }

  @Test
  void listsEveryInvalidFieldInOneAnswer() {
    expectProblem(
            api.post("/mailboxes", Map.of("localPart", "a:b", "extra", 1)), 422, "validation_error")
        .jsonPath("$.errors.length()")
        .isEqualTo(4); // extra, domainId, localPart, password
  }

  @Test
  void refusesBodiesThatAreNotOneJsonObject() {
    expectProblem(api.post("/mailboxes", "[1,2,3]"), 422, "validation_error");
    expectProblem(api.post("/mailboxes", "\"text\""), 422, "validation_error");
    expectProblem(api.post("/mailboxes", "{\"localPart\": \"a\", "), 400, "malformed_json");
    expectProblem(
        api.post("/mailboxes", "{\"localPart\":\"a\",\"localPart\":\"b\"}"), 400, "malformed_json");
  }

  @Test
  void refusesAnEmptyPatchAndUnknownPatchFields() {
    expectProblem(api.patch("/mailboxes/" + mailbox, Map.of()), 422, "validation_error");
    expectProblem(
        api.patch("/mailboxes/" + mailbox, Map.of("emailAddress", "x@y.example")),
        422,
        "validation_error");
    expectProblem(
        api.patch("/mailboxes/" + mailbox, Map.of("status", "deleted")), 422, "validation_error");
    expectProblem(api.patch("/domains/" + domain, Map.of()), 422, "validation_error");
    expectProblem(
        api.patch("/domains/" + domain, Map.of("inbound_enabled", "true")),
        422,
        "validation_error");
  }

  @Test
  void refusesAHostilePasswordChange() {
    expectProblem(
        api.post("/mailboxes/" + mailbox + "/password", Map.of("password", "tiny")),
        422,
        "validation_error");
    expectProblem(
        api.post("/mailboxes/" + mailbox + "/password", Map.of()), 422, "validation_error");
  }

  @Test
  void refusesPagingOutOfBounds() {
    for (String query :
        List.of("page=0", "page=-1", "page=abc", "per_page=0", "per_page=101", "per_page=1.5")) {
      expectProblem(api.get("/mailboxes?" + query), 422, "validation_error");
      expectProblem(api.get("/mailboxes/aliases?" + query), 422, "validation_error");
    }
  }

  @Test
  void refusesATenMegabyteBodyWith413() {
    byte[] huge = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    expectProblem(api.post("/mailboxes", huge), 413, "payload_too_large");
  }

  @Test
  void refusesAnOversizeChunkedBodyWith413() {
    var factory = DefaultDataBufferFactory.sharedInstance;
    Flux<DataBuffer> chunks = Flux.range(0, 40).map(i -> factory.wrap(new byte[4096]));
    expectProblem(
        http.post()
            .uri("/mailboxes")
            .header("Authorization", "Bearer " + apiKey)
            .contentType(MediaType.APPLICATION_JSON)
            .body(chunks, DataBuffer.class)
            .exchange(),
        413,
        "payload_too_large");
  }

  @Test
  void refusesANonJsonContentType() {
    expectProblem(
        http.post()
            .uri("/mailboxes")
            .header("Authorization", "Bearer " + apiKey)
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("localPart=a")
            .exchange(),
        415,
        "unsupported_media_type");
  }

  private Map<String, Object> validCreate() {
    Map<String, Object> body = new HashMap<>();
    body.put("domainId", domain);
    body.put("localPart", "valid");
    body.put("password", "secret-password-123");
    return body;
  }
}
