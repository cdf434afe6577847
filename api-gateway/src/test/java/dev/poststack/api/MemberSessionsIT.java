package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.controlplane.member.MemberPasswords;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dashboard members sign in with their own address and password and act on their team with a
 * session token; the audit log names them. Real API, broker, provisioner and database.
 */
class MemberSessionsIT extends ApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PASSWORD = "correct horse battery";

  private record Answer(int status, JsonNode body, String raw) {}

  private static Answer answer(WebTestClient.ResponseSpec r) {
    var result = r.expectBody().returnResult();
    byte[] raw = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
    return new Answer(
        result.getStatus().value(),
        raw.length == 0 ? null : JSON.readTree(raw),
        new String(raw, StandardCharsets.UTF_8));
  }

  private static long member(long teamId, String email) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into team_member (team_id, email, password_hash) values (?, ?, ?)"
                    + " returning id")) {
      s.setLong(1, teamId);
      s.setString(2, email);
      s.setString(3, MemberPasswords.hash(PASSWORD));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String email() {
    return "m-" + UUID.randomUUID().toString().substring(0, 8) + "@members.example";
  }

  private Answer accept(String token, String password) {
    return answer(
        http.post()
            .uri("/invitations/accept")
            .header("Content-Type", "application/json")
            .bodyValue(Map.of("token", token, "password", password))
            .exchange());
  }

  private Answer signIn(String email, String password) {
    return answer(
        http.post()
            .uri("/sessions")
            .header("Content-Type", "application/json")
            .bodyValue(Map.of("email", email, "password", password))
            .exchange());
  }

  @Test
  void aMemberSignsInActsOnTheTeamAndTheAuditLogNamesTheMember() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    long memberId = member(team.teamId(), email);

    Answer signedIn = signIn(email.toUpperCase(java.util.Locale.ROOT), PASSWORD);
    assertThat(signedIn.status()).as(signedIn.raw()).isEqualTo(201);
    String token = signedIn.body().get("session").get("token").asString();
    assertThat(token).startsWith("ses_").hasSize(44);
    assertThat(signedIn.body().get("session").get("member").get("email").asString())
        .isEqualTo(email);
    assertThat(signedIn.raw()).doesNotContain("argon2").doesNotContain(PASSWORD);

    Api session = new Api(http, token);
    Answer me = answer(session.get("/members/me"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("member").get("id").asLong()).isEqualTo(memberId);
    assertThat(me.body().get("member").get("teamId").asLong()).isEqualTo(team.teamId());

    Answer created =
        answer(session.post("/mailboxes", Fixtures.mailbox(team.domainId(), "by-member")));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    long mailboxId = created.body().get("mailbox").get("id").asLong();

    Answer history = answer(session.get("/mailboxes/" + mailboxId + "/events"));
    JsonNode actor = history.body().get("data").get(0).get("actor");
    assertThat(actor.get("kind").asString()).isEqualTo("member");
    assertThat(actor.get("id").asString()).isEqualTo(Long.toString(memberId));
    assertThat(actor.get("name").asString()).isEqualTo(email);
    assertThat(history.raw()).doesNotContain(token).doesNotContain("argon2");

    // an API key of the same team sees the same history, the member named
    Answer byKey = answer(new Api(http, team.apiKey()).get("/mailboxes/" + mailboxId + "/events"));
    assertThat(byKey.body().get("data").get(0).get("actor").get("name").asString())
        .isEqualTo(email);
  }

  @Test
  void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    member(team.teamId(), email);

    Answer wrong = signIn(email, "not the password at all");
    Answer unknown = signIn(email(), PASSWORD);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.body().get("code").asString()).isEqualTo("invalid_credentials");
    assertThat(wrong.body().get("detail").asString())
        .isEqualTo(unknown.body().get("detail").asString())
        .isEqualTo("wrong email or password");
  }

  @Test
  void anAddressThatFailedTooOftenIsRefusedEvenWithTheRightPassword() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    member(team.teamId(), email);
    for (int i = 0; i < 10; i++) {
      assertThat(signIn(email, "wrong-password-" + i).status()).isEqualTo(401);
    }
    Answer refused = signIn(email, PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().get("code").asString()).isEqualTo("rate_limit_exceeded");
    // another member's address is not affected
    String other = email();
    member(team.teamId(), other);
    assertThat(signIn(other, PASSWORD).status()).isEqualTo(201);
  }

  @Test
  void signingOutEndsThatSessionAndSigningOutEverywhereEndsThemAll() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    member(team.teamId(), email);
    Api first =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString());
    Api second =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString());
    Api third =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString());

    assertThat(answer(first.delete("/sessions/current")).status()).isEqualTo(200);
    assertThat(answer(first.get("/members/me")).status()).isEqualTo(401);
    assertThat(answer(second.get("/members/me")).status()).isEqualTo(200);

    Answer everywhere = answer(second.delete("/sessions"));
    assertThat(everywhere.status()).isEqualTo(200);
    assertThat(everywhere.body().get("ended").asLong()).isEqualTo(2);
    assertThat(answer(second.get("/members/me")).status()).isEqualTo(401);
    assertThat(answer(third.get("/mailboxes")).status()).isEqualTo(401);
  }

  @Test
  void aMemberSeesNothingOfAnotherTeamAndAKeyHasNoSession() throws Exception {
    var mine = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    var theirs = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    member(mine.teamId(), email);
    Api session =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString());
    Api theirKey = new Api(http, theirs.apiKey());
    Answer theirMailbox =
        answer(theirKey.post("/mailboxes", Fixtures.mailbox(theirs.domainId(), "private")));
    long id = theirMailbox.body().get("mailbox").get("id").asLong();

    assertThat(answer(session.get("/mailboxes/" + id)).status()).isEqualTo(404);
    assertThat(answer(session.get("/mailboxes/" + id + "/events")).status()).isEqualTo(404);
    assertThat(answer(session.get("/domains/" + theirs.domainId())).status()).isEqualTo(404);
    assertThat(answer(theirKey.get("/members/me")).status()).isEqualTo(403);
  }

  @Test
  void aMemberInvitesAnotherWhoSetsAPasswordOnceAndCanBeRemoved() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    member(team.teamId(), email);
    Api inviter =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString());
    String invitee = email();

    Answer invited = answer(inviter.post("/members", Map.of("email", invitee)));
    assertThat(invited.status()).as(invited.raw()).isEqualTo(201);
    String token = invited.body().get("invitation").get("token").asString();
    assertThat(token).startsWith("inv_");
    long inviteeId = invited.body().get("member").get("id").asLong();
    // no password yet: signing in fails like a wrong password
    assertThat(signIn(invitee, PASSWORD).status()).isEqualTo(401);
    // another team cannot take over someone this team invited
    var rival = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    assertThat(
            answer(new Api(http, rival.apiKey()).post("/members", Map.of("email", invitee)))
                .status())
        .isEqualTo(409);

    Answer weak =
        answer(
            http.post()
                .uri("/invitations/accept")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("token", token, "password", "short"))
                .exchange());
    assertThat(weak.status()).isEqualTo(422);
    Answer accepted =
        answer(
            http.post()
                .uri("/invitations/accept")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("token", token, "password", "invited person's passphrase"))
                .exchange());
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    Api invitedSession = new Api(http, accepted.body().get("session").get("token").asString());
    assertThat(
            answer(invitedSession.get("/members/me")).body().get("member").get("email").asString())
        .isEqualTo(invitee);
    Answer again =
        answer(
            http.post()
                .uri("/invitations/accept")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("token", token, "password", "another passphrase 123"))
                .exchange());
    assertThat(again.status()).isEqualTo(404);

    // a bad address is refused at the door and changes nothing
    int before = answer(inviter.get("/members")).body().get("members").size();
    for (String bad : List.of("not an address", "a@b", "x<y>@example.com", "@example.com")) {
      Answer refused = answer(inviter.post("/members", Map.of("email", bad)));
      assertThat(refused.status()).as(bad).isEqualTo(422);
      assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }
    assertThat(answer(inviter.get("/members")).body().get("members").size()).isEqualTo(before);

    JsonNode list = answer(inviter.get("/members")).body().get("members");
    assertThat(list.toString()).contains(invitee).contains(email).doesNotContain("argon2");

    assertThat(answer(invitedSession.delete("/members/" + inviteeId)).status()).isEqualTo(409);
    var other = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    assertThat(answer(new Api(http, other.apiKey()).delete("/members/" + inviteeId)).status())
        .isEqualTo(404);
    assertThat(answer(inviter.delete("/members/" + inviteeId)).status()).isEqualTo(200);
    assertThat(answer(invitedSession.get("/members/me")).status()).isEqualTo(401);
    assertThat(signIn(invitee, "invited person's passphrase").status()).isEqualTo(401);

    // a removed member can be invited again; the new link works, the old password does not
    Answer again1 = answer(inviter.post("/members", Map.of("email", invitee)));
    assertThat(again1.status()).as(again1.raw()).isEqualTo(201);
    assertThat(again1.body().get("member").get("id").asLong()).isEqualTo(inviteeId);
    Answer again2 = answer(inviter.post("/members", Map.of("email", invitee)));
    String second = again2.body().get("invitation").get("token").asString();
    String first = again1.body().get("invitation").get("token").asString();
    assertThat(signIn(invitee, "invited person's passphrase").status()).isEqualTo(401);
    assertThat(accept(first, "first link passphrase").status()).isEqualTo(404);
    assertThat(accept(second, "second link passphrase").status()).isEqualTo(201);
    // an active member of another team is never taken over
    var stranger = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    assertThat(
            answer(new Api(http, stranger.apiKey()).post("/members", Map.of("email", invitee)))
                .status())
        .isEqualTo(409);
  }

  @Test
  void changesToTheTeamsKeysMembersAndWebhooksAreAuditedWithTheMemberAndNoSecret()
      throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = email();
    long memberId = member(team.teamId(), email);
    Api session =
        new Api(http, signIn(email, PASSWORD).body().get("session").get("token").asString())
            .withHeader("User-Agent", "Dashboard-Test/1.0");
    Answer made =
        answer(
            session.post("/api-keys", Map.of("name", "audited", "permission", "sending_access")));
    assertThat(made.status()).as(made.raw()).isEqualTo(201);
    String secret = made.body().get("key").asString();
    long keyId = made.body().get("id").asLong();
    Answer rotated = answer(session.post("/api-keys/" + keyId + "/rotate", Map.of()));
    String rotatedSecret = rotated.body().get("key").asString();
    assertThat(answer(session.delete("/api-keys/" + keyId)).status()).isEqualTo(200);
    Answer invited = answer(session.post("/members", Map.of("email", email())));
    String invitation = invited.body().get("invitation").get("token").asString();

    Answer events = answer(session.get("/events?per_page=100"));
    assertThat(events.status()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    events.body().get("data").forEach(e -> types.add(e.get("type").asString()));
    assertThat(types)
        .containsSubsequence("MemberInvited", "ApiKeyRevoked", "ApiKeyRotated", "ApiKeyCreated");
    JsonNode created = null;
    for (JsonNode e : events.body().get("data")) {
      if (e.get("type").asString().equals("ApiKeyCreated")) {
        created = e;
      }
    }
    assertThat(created.get("actor").get("kind").asString()).isEqualTo("member");
    assertThat(created.get("actor").get("id").asString()).isEqualTo(Long.toString(memberId));
    assertThat(created.get("actor").get("name").asString()).isEqualTo(email);
    assertThat(created.get("userAgent").asString()).isEqualTo("Dashboard-Test/1.0");
    assertThat(created.get("changes").get("name").get("to").asString()).isEqualTo("audited");
    assertThat(events.raw())
        .doesNotContain(secret)
        .doesNotContain(rotatedSecret)
        .doesNotContain(invitation)
        .doesNotContain(PASSWORD);
    assertThat(events.body().get("meta").get("total").asLong()).isGreaterThanOrEqualTo(4);

    Answer onlyKeys = answer(session.get("/events?type=ApiKeyCreated"));
    assertThat(onlyKeys.body().get("data")).hasSize(1);
    var other = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Answer theirs = answer(new Api(http, other.apiKey()).get("/events?per_page=100"));
    assertThat(theirs.raw()).doesNotContain("ApiKeyCreated").doesNotContain(email);
  }
}
