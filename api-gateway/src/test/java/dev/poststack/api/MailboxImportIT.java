package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /mailboxes/import} through the real pipeline (broker, provisioner, PostgreSQL): each
 * row its own result and its own audited event; a rerun creates nothing twice; hashes of earlier
 * systems are kept as they are; another team's domains are out of reach.
 */
class MailboxImportIT extends ApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PASSWORD = "correct horse battery";
  // what doveadm pw -s BLF-CRYPT / ARGON2ID -p secret printed (Debian's Dovecot 2.3)
  static final String BLF =
      "{BLF-CRYPT}$2y$05$rd0NIy3N6In2GLhvByDKYu.Cp/8mR0vI0qQe3mT8IR2XlZAlGkwlG";
  static final String ARGON =
      "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$/FWPIERUUgm4kRjkrX7T5Q"
          + "$06HLoaA1YlMXS389cJ+70tYhrjz2jtX9XPweYTypiHw";

  private JsonNode importRows(Api api, String body, int status) {
    return JSON.readTree(
        api.post("/mailboxes/import", body)
            .expectStatus()
            .isEqualTo(status)
            .expectBody()
            .returnResult()
            .getResponseBody());
  }

  private static List<String> statuses(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("data").forEach(r -> out.add(r.get("status").asString()));
    return out;
  }

  private static String domainName(long domainId) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement("select name from domain where id = ?")) {
      s.setLong(1, domainId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static String hashOf(String address) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select password_hash from mailbox where email_address = ? and status <>"
                    + " 'deleted'")) {
      s.setString(1, address);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Test
  void eachRowGetsItsOwnResultAndEventAndARerunCreatesNothingTwice() throws Exception {
    var team = newTeam();
    Seed seed = new Seed(DB);
    String d = domainName(seed.verifiedDomain(team.teamId()));
    String pending =
        domainName(
            seed.domain(
                team.teamId(),
                "p" + UUID.randomUUID().toString().substring(0, 6) + ".example",
                "pending",
                true));
    Api api = new Api(http, team.apiKey());
    String body =
        """
        [{"email":"anna@%1$s","password":"%2$s","displayName":"Anna","aliases":["sales@%1$s"]},
         {"email":"bob@%1$s","passwordHash":"%3$s","quotaBytes":2147483648},
         {"email":"carl@%1$s","passwordHash":"%4$s"},
         {"email":"dora@%1$s","password":"short"},
         {"email":"anna@%1$s","password":"%2$s"},
         {"email":"eve@%5$s","password":"%2$s"},
         {"email":"fay@%1$s","passwordHash":"{PLAIN}%2$s"}]
        """
            .formatted(d, PASSWORD, BLF, ARGON, pending);

    JsonNode first = importRows(api, body, 200);

    assertThat(statuses(first))
        .containsExactly(
            "created", "created", "created", "refused", "refused", "refused", "refused");
    JsonNode rows = first.get("data");
    assertThat(rows.get(0).get("aliases").get(0).get("status").asString()).isEqualTo("created");
    assertThat(rows.get(3).get("error").get("errors").get(0).get("field").asString())
        .isEqualTo("password");
    assertThat(rows.get(4).get("error").get("code").asString()).isEqualTo("duplicate_address");
    assertThat(rows.get(5).get("error").get("code").asString()).isEqualTo("domain_not_verified");
    assertThat(rows.get(6).get("error").get("errors").get(0).get("field").asString())
        .isEqualTo("passwordHash");
    assertThat(rows.get(0).get("mailbox").propertyNames()).containsExactly("id", "publicId");
    assertThat(first.get("meta").toString())
        .isEqualTo("{\"rows\":7,\"created\":3,\"exists\":0,\"refused\":4,\"pending\":0}");
    // the earlier systems' hashes are kept as they are: their users keep their passwords
    assertThat(hashOf("bob@" + d)).isEqualTo(BLF);
    assertThat(hashOf("carl@" + d)).isEqualTo(ARGON);
    assertThat(hashOf("anna@" + d)).startsWith("{SHA512-CRYPT}$6$");
    // each row is its own audited event, and no answer holds a password or a hash
    String annaId = rows.get(0).get("mailbox").get("publicId").asString();
    String history =
        new String(
            api.get("/mailboxes/" + annaId + "/events")
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody(),
            StandardCharsets.UTF_8);
    assertThat(history).contains("MailboxCreated");
    String all =
        new String(
            api.get("/events?per_page=100").expectBody().returnResult().getResponseBody(),
            StandardCharsets.UTF_8);
    assertThat(all).contains("AliasCreated");
    for (String secret : List.of(PASSWORD, "$2y$05$", "argon2id", "$6$")) {
      assertThat(all).doesNotContain(secret);
      assertThat(first.toString()).doesNotContain(secret);
    }

    // the same rows again (another Idempotency-Key): nothing is created twice
    JsonNode again = importRows(api, body, 200);
    assertThat(statuses(again))
        .containsExactly("exists", "exists", "exists", "refused", "refused", "refused", "refused");
    assertThat(again.get("data").get(0).get("mailbox").get("publicId").asString())
        .isEqualTo(annaId);
    assertThat(again.get("data").get(0).get("aliases").get(0).get("status").asString())
        .isEqualTo("exists");
    assertThat(count("mailbox", team.teamId())).isEqualTo(3);
    assertThat(count("alias", team.teamId())).isEqualTo(1);

    // the same address with other content is refused, naming what differs; a new alias of a
    // mailbox already in is added
    JsonNode changed =
        importRows(
            api,
            """
            [{"email":"anna@%1$s","password":"another long password","displayName":"Anna"},
             {"email":"bob@%1$s","passwordHash":"%2$s","quotaBytes":2147483648,"aliases":["b@%1$s"]}]
            """
                .formatted(d, BLF),
            200);
    assertThat(statuses(changed)).containsExactly("refused", "exists");
    assertThat(changed.get("data").get(0).get("error").get("message").asString())
        .endsWith("is already a mailbox with another password");
    assertThat(changed.get("data").get(1).get("aliases").get(0).get("status").asString())
        .isEqualTo("created");
  }

  @Test
  void theSameIdempotencyKeyReplaysTheWholeAnswerAndNdjsonIsABodyToo() throws Exception {
    var team = newTeam();
    String d = domainName(new Seed(DB).verifiedDomain(team.teamId()));
    Api api = new Api(http, team.apiKey());
    String body = "[{\"email\":\"kim@" + d + "\",\"password\":\"" + PASSWORD + "\"}]";
    String key = UUID.randomUUID().toString();
    byte[] once =
        api.post("/mailboxes/import", body, key).expectBody().returnResult().getResponseBody();
    byte[] twice =
        api.post("/mailboxes/import", body, key).expectBody().returnResult().getResponseBody();
    assertThat(new String(twice, StandardCharsets.UTF_8))
        .isEqualTo(new String(once, StandardCharsets.UTF_8));
    assertThat(statuses(JSON.readTree(twice))).containsExactly("created");

    String ndjson =
        "{\"email\":\"lea@"
            + d
            + "\",\"password\":\""
            + PASSWORD
            + "\"}\n"
            + "{\"email\":\"kim@"
            + d
            + "\",\"password\":\""
            + PASSWORD
            + "\"}\n";
    byte[] answer =
        http.post()
            .uri("/mailboxes/import")
            .header("Authorization", "Bearer " + team.apiKey())
            .contentType(MediaType.APPLICATION_NDJSON)
            .bodyValue(ndjson)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(statuses(JSON.readTree(answer))).containsExactly("created", "exists");
  }

  @Test
  void aBadBodyIsRefusedWholeAndChangesNothing() throws Exception {
    var team = newTeam();
    String d = domainName(new Seed(DB).verifiedDomain(team.teamId()));
    Api api = new Api(http, team.apiKey());
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i <= 10_000; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"email\":\"u")
          .append(i)
          .append("@")
          .append(d)
          .append("\"}");
    }
    many.append("]");
    api.post("/mailboxes/import", many.toString())
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("mailboxes must hold at most 10000 items");
    api.post("/mailboxes/import", "{\"rows\":[]}").expectStatus().isEqualTo(422);
    api.request(HttpMethod.POST, "/mailboxes/import", "[{\"email\":", null)
        .expectStatus()
        .isEqualTo(400);
    assertThat(count("mailbox", team.teamId())).isZero();
  }

  @Test
  void anotherTeamsDomainIsOutOfReach() throws Exception {
    var owner = newTeam();
    String d = domainName(new Seed(DB).verifiedDomain(owner.teamId()));
    var intruder = newTeam();
    JsonNode answer =
        importRows(
            new Api(http, intruder.apiKey()),
            "[{\"email\":\"ceo@" + d + "\",\"password\":\"" + PASSWORD + "\"}]",
            200);
    assertThat(answer.get("data").get(0).get("error").get("code").asString())
        .isEqualTo("domain_not_found");
    assertThat(count("mailbox", owner.teamId())).isZero();
    assertThat(count("mailbox", intruder.teamId())).isZero();
  }

  /**
   * One import of a team at a time across instances: a claim another instance holds (its heartbeat
   * fresh) answers 409; one whose heartbeat stopped (that instance died) is taken over, and the
   * import that took it leaves no claim behind.
   */
  @Test
  void anotherInstancesRunningImportIsRespectedAndADeadOnesIsTakenOver() throws Exception {
    var team = newTeam();
    String d = domainName(new Seed(DB).verifiedDomain(team.teamId()));
    Api api = new Api(http, team.apiKey());
    String body = "[{\"email\":\"first@" + d + "\",\"password\":\"" + PASSWORD + "\"}]";
    claimAsAnotherInstance(team.teamId(), "now()");

    expectProblem(api.post("/mailboxes/import", body), 409, "import_in_progress");

    assertThat(count("mailbox", team.teamId())).isZero();

    claimAsAnotherInstance(team.teamId(), "now() - interval '5 minutes'");
    JsonNode taken = importRows(api, body, 200);

    assertThat(statuses(taken)).containsExactly("created");
    assertThat(claimsOf(team.teamId())).as("released at the end").isZero();
  }

  private static void claimAsAnotherInstance(long teamId, String heartbeat) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into import_claim (team_id, claim_token, heartbeat_at) values (?,"
                    + " gen_random_uuid(), "
                    + heartbeat
                    + ") on conflict (team_id) do update set claim_token ="
                    + " excluded.claim_token, heartbeat_at = excluded.heartbeat_at")) {
      s.setLong(1, teamId);
      s.executeUpdate();
    }
  }

  private static long claimsOf(long teamId) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement("select count(*) from import_claim where team_id = ?")) {
      s.setLong(1, teamId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long count(String table, long teamId) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from "
                    + table
                    + " where team_id = ?"
                    + (table.equals("mailbox")
                        ? " and status <> 'deleted'"
                        : " and deleted_at is null"))) {
      s.setLong(1, teamId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
