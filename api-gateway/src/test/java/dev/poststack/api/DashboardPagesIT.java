package dev.poststack.api;

import static dev.poststack.api.support.DashboardPages.HIDDEN_CSRF;
import static dev.poststack.api.support.DashboardPages.META_CSRF;
import static dev.poststack.api.support.DashboardPages.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.DashboardPages;
import dev.poststack.api.support.DashboardPages.Page;
import dev.poststack.api.support.Fixtures;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's pages over HTTP (no browser): sign-in with its cookies, the CSRF and origin
 * checks on every write, a mailbox created from the page and audited with the member as actor,
 * sign-out. The browser test (system-tests' DashboardE2E) drives the same pages in Chromium.
 */
class DashboardPagesIT extends ApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PASSWORD = "dashboard passphrase 1";

  private DashboardPages pages;

  private DashboardPages pages() {
    if (pages == null) {
      pages = new DashboardPages(http, DB);
    }
    return pages;
  }

  private Page get(String path, String cookie) {
    return pages().get(path, cookie);
  }

  private Page post(
      String path, String cookie, LinkedMultiValueMap<String, String> form, String... headers) {
    return pages().post(path, cookie, form, headers);
  }

  private static ResponseCookie cookie(Page page, String name) {
    return page.cookie(name);
  }

  private String member(long teamId) throws Exception {
    return pages().member(teamId, PASSWORD);
  }

  /** Signs in through the form; answers the session cookie as a Cookie header, null if refused. */
  private String signIn(String email, String password) {
    Page answer = pages().signIn(email, password);
    if (answer.status() != 303) {
      return null;
    }
    assertThat(answer.location()).isEqualTo("/dashboard/mailboxes");
    ResponseCookie session = answer.cookie("poststack_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.isSecure()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");
    assertThat(session.getPath()).isEqualTo("/dashboard");
    return "poststack_session=" + session.getValue();
  }

  @Test
  void aMemberSignsInCreatesAMailboxFromThePageAndIsNamedInItsHistory() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = member(team.teamId());

    Page anonymous = get("/dashboard/mailboxes", null);
    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.location()).isEqualTo("/dashboard/sign-in");

    String session = signIn(email, PASSWORD);
    Page list = get("/dashboard/mailboxes", session);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body())
        .contains("id=\"signed-in-as\"")
        .contains(email)
        .contains(team.domainName());
    String csrf = group(META_CSRF, list.body());

    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("domainId", Long.toString(team.domainId()));
    fields.add("localPart", "frompage");
    fields.add("displayName", "From <the> page");
    fields.add("password", "page-password-123");
    Page created =
        post("/dashboard/mailboxes", session, fields, "HX-Request", "true", "X-CSRF-Token", csrf);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).contains("Created").contains("frompage@" + team.domainName());
    assertThat(created.body()).doesNotContain("page-password-123");

    Page rows = get("/dashboard/mailboxes/rows?q=frompage", session);
    assertThat(rows.body())
        .contains("data-address=\"frompage@" + team.domainName() + "\"")
        .contains("From &lt;the&gt; page");

    Api key = new Api(http, team.apiKey());
    JsonNode mailboxes =
        JSON.readTree(
            key.get("/mailboxes?q=frompage").expectBody().returnResult().getResponseBody());
    String publicId = mailboxes.get("data").get(0).get("publicId").asString();
    JsonNode events =
        JSON.readTree(
            key.get("/mailboxes/" + publicId + "/events")
                .expectBody()
                .returnResult()
                .getResponseBody());
    JsonNode first = events.get("data").get(0);
    assertThat(first.get("actor").get("kind").asString()).isEqualTo("member");
    assertThat(first.get("actor").get("name").asString()).isEqualTo(email);
    assertThat(first.get("sourceIp").asString()).isEqualTo("127.0.0.1");

    Page detail = get("/dashboard/mailboxes/" + publicId, session);
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.body()).contains("id=\"history\"").contains("MailboxCreated").contains(email);
    assertThat(detail.body()).contains("id=\"client-settings\"");

    var settings = new LinkedMultiValueMap<String, String>();
    settings.add("displayName", "Renamed on the page");
    settings.add("quotaMb", "2048");
    Page saved =
        post(
            "/dashboard/mailboxes/" + publicId + "/settings",
            session,
            settings,
            "HX-Request",
            "true",
            "X-CSRF-Token",
            csrf);
    assertThat(saved.body()).contains("Saved.").contains("value=\"2048\"");
    JsonNode after =
        JSON.readTree(
            key.get("/mailboxes/" + publicId).expectBody().returnResult().getResponseBody());
    assertThat(after.get("mailbox").get("quotaBytes").asLong()).isEqualTo(2048L * 1024 * 1024);
    assertThat(after.get("mailbox").get("displayName").asString()).isEqualTo("Renamed on the page");
    settings.set("quotaMb", "lots");
    Page refused =
        post(
            "/dashboard/mailboxes/" + publicId + "/settings",
            session,
            settings,
            "X-CSRF-Token",
            csrf);
    assertThat(refused.body()).contains("data-field=\"quotaBytes\"").doesNotContain("Saved.");
  }

  @Test
  void anAliasIsCreatedWithADestinationFoundBySearchListedWithItsAddressAndDeleted()
      throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String session = signIn(member(team.teamId()), PASSWORD);
    Api key = new Api(http, team.apiKey());
    key.post("/mailboxes", Fixtures.mailbox(team.domainId(), "target")).expectStatus().isCreated();
    String csrf = group(META_CSRF, get("/dashboard/aliases", session).body());

    Page options = get("/dashboard/aliases/destinations?destinationSearch=tar", session);
    String destination =
        group(Pattern.compile("<option value=\"([0-9]+)\">target@"), options.body());

    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("domainId", Long.toString(team.domainId()));
    fields.add("localPart", "info");
    fields.add("destinationMailboxId", destination);
    Page created = post("/dashboard/aliases", session, fields, "X-CSRF-Token", csrf);
    assertThat(created.body()).contains("Alias created.");

    Page list = get("/dashboard/aliases", session);
    assertThat(list.body())
        .contains("data-address=\"info@" + team.domainName() + "\"")
        .contains(">target@" + team.domainName() + "<");
    String aliasId =
        group(Pattern.compile("/dashboard/aliases/(ali_[A-Za-z0-9]+)/delete"), list.body());

    fields.set("localPart", "info");
    Page taken = post("/dashboard/aliases", session, fields, "X-CSRF-Token", csrf);
    assertThat(taken.body()).doesNotContain("Alias created.").contains("class=\"error\"");

    Page deleted =
        post(
            "/dashboard/aliases/" + aliasId + "/delete",
            session,
            new LinkedMultiValueMap<>(),
            "X-CSRF-Token",
            csrf);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(get("/dashboard/aliases", session).body()).doesNotContain("data-address=\"info@");
  }

  @Test
  void aDomainAddedFromThePageShowsTheRecordsToPublishAndCanBeCheckedAgain() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String session = signIn(member(team.teamId()), PASSWORD);
    String csrf = group(META_CSRF, get("/dashboard/domains", session).body());
    String name = "page-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("name", name);
    var added =
        http.post()
            .uri("/dashboard/domains")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .header("Cookie", session)
            .header("X-CSRF-Token", csrf)
            .body(BodyInserters.fromFormData(fields))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult();
    String target = added.getResponseHeaders().getFirst("HX-Redirect");
    assertThat(target).startsWith("/dashboard/domains/dom_");

    Page domain = get(target, session);
    assertThat(domain.body())
        .contains("id=\"dns-records\"")
        .contains("class=\"dns-record\"")
        .contains(name)
        .contains("id=\"domain-status\"");
    Page checked =
        post(target + "/verify", session, new LinkedMultiValueMap<>(), "X-CSRF-Token", csrf);
    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.body()).contains("id=\"domain-state\"").contains("not yet");

    fields.set("name", "not a domain");
    Page refused = post("/dashboard/domains", session, fields, "X-CSRF-Token", csrf);
    assertThat(refused.body()).contains("data-field=\"name\"");
    assertThat(get("/dashboard/domains", session).body()).contains("data-domain=\"" + name + "\"");
  }

  @Test
  void aKeyMadeOnThePageIsShownOnceWorksAndStopsWhenRotatedOrRevoked() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = member(team.teamId());
    String session = signIn(email, PASSWORD);
    String csrf = group(META_CSRF, get("/dashboard/api-keys", session).body());
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("name", "from-the-page");
    fields.add("permission", "sending_access");
    Page made = post("/dashboard/api-keys", session, fields, "X-CSRF-Token", csrf);
    String secret =
        group(Pattern.compile("id=\"new-api-key\">(sk_live_[A-Za-z0-9]+)<"), made.body());
    new Api(http, secret).get("/domains").expectStatus().isOk();
    Page later = get("/dashboard/api-keys", session);
    assertThat(later.body()).contains("from-the-page").doesNotContain(secret);

    String id =
        group(Pattern.compile("data-key-id=\"([0-9]+)\">\\s*<td>from-the-page"), later.body());
    Page rotated =
        post(
            "/dashboard/api-keys/" + id + "/rotate",
            session,
            new LinkedMultiValueMap<>(),
            "X-CSRF-Token",
            csrf);
    String next =
        group(Pattern.compile("id=\"new-api-key\">(sk_live_[A-Za-z0-9]+)<"), rotated.body());
    assertThat(next).isNotEqualTo(secret);
    new Api(http, secret).get("/domains").expectStatus().isUnauthorized();
    new Api(http, next).get("/domains").expectStatus().isOk();

    post(
        "/dashboard/api-keys/" + id + "/revoke",
        session,
        new LinkedMultiValueMap<>(),
        "X-CSRF-Token",
        csrf);
    new Api(http, next).get("/domains").expectStatus().isUnauthorized();
    assertThat(get("/dashboard/api-keys", session).body()).doesNotContain("from-the-page");

    // the team's activity names the member for each of the three, and shows no key
    Page activity = get("/dashboard/activity", session);
    assertThat(activity.body())
        .contains("data-type=\"ApiKeyCreated\"")
        .contains("data-type=\"ApiKeyRotated\"")
        .contains("data-type=\"ApiKeyRevoked\"")
        .contains(email)
        .doesNotContain(secret)
        .doesNotContain(next);
  }

  @Test
  void anInvitedPersonSetsAPasswordThroughTheLinkAndIsSignedIn() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String session = signIn(member(team.teamId()), PASSWORD);
    String csrf = group(META_CSRF, get("/dashboard/members", session).body());
    String invitee = "i-" + UUID.randomUUID().toString().substring(0, 8) + "@members.example";
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("email", invitee);
    Page invited = post("/dashboard/members", session, fields, "X-CSRF-Token", csrf);
    String link = group(Pattern.compile("id=\"invitation-link\">([^<]+)<"), invited.body());
    assertThat(link).contains("/dashboard/invitation#inv_");
    String token = link.substring(link.indexOf('#') + 1);
    assertThat(get("/dashboard/members", session).body())
        .contains("data-email=\"" + invitee + "\"")
        .doesNotContain(token);

    Page form = get("/dashboard/invitation", null);
    String formCookie = "poststack_sign_in=" + cookie(form, "poststack_sign_in").getValue();
    var accept = new LinkedMultiValueMap<String, String>();
    accept.add("_csrf", group(HIDDEN_CSRF, form.body()));
    accept.add("token", token);
    accept.add("password", "my own passphrase 42");
    accept.add("confirm", "my own passphrase 42");
    Page joined = post("/dashboard/invitation", formCookie, accept);
    assertThat(joined.status()).isEqualTo(303);
    assertThat(joined.location()).isEqualTo("/dashboard/mailboxes");
    String theirs = "poststack_session=" + cookie(joined, "poststack_session").getValue();
    assertThat(get("/dashboard/mailboxes", theirs).body()).contains(invitee);

    Page reused = post("/dashboard/invitation", formCookie, accept);
    assertThat(reused.body()).contains("no longer valid");
  }

  @Test
  void writesWithoutTheTokenOrFromAnotherSiteAreRefused() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String session = signIn(member(team.teamId()), PASSWORD);
    String csrf = group(META_CSRF, get("/dashboard/mailboxes", session).body());
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("domainId", Long.toString(team.domainId()));
    fields.add("localPart", "forged");
    fields.add("password", "forged-password-1");

    assertThat(post("/dashboard/mailboxes", session, fields).status()).isEqualTo(403);
    assertThat(post("/dashboard/mailboxes", session, fields, "X-CSRF-Token", "guess").status())
        .isEqualTo(403);
    assertThat(
            post(
                    "/dashboard/mailboxes",
                    session,
                    fields,
                    "X-CSRF-Token",
                    csrf,
                    "Origin",
                    "https://evil.example")
                .status())
        .isEqualTo(403);
    assertThat(post("/dashboard/sign-out", session, new LinkedMultiValueMap<>()).status())
        .isEqualTo(403);
    Page page = get("/dashboard/mailboxes", session);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("forged@");
  }

  @Test
  void aWrongPasswordShowsOneGenericMessageAndSignOutEndsTheSession() throws Exception {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String email = member(team.teamId());
    assertThat(signIn(email, "not-the-password")).isNull();
    Page form = get("/dashboard/sign-in", null);
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("email", email);
    fields.add("password", "still-not-it");
    fields.add("_csrf", group(HIDDEN_CSRF, form.body()));
    Page wrong =
        post(
            "/dashboard/sign-in",
            "poststack_sign_in=" + cookie(form, "poststack_sign_in").getValue(),
            fields);
    assertThat(wrong.body()).contains("id=\"sign-in-error\"").contains("Wrong email or password.");

    String session = signIn(email, PASSWORD);
    String csrf = group(META_CSRF, get("/dashboard/mailboxes", session).body());
    var signOut = new LinkedMultiValueMap<String, String>();
    signOut.add("_csrf", csrf);
    Page out = post("/dashboard/sign-out", session, signOut);
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.location()).isEqualTo("/dashboard/sign-in?signed-out");
    assertThat(cookie(out, "poststack_session").getMaxAge()).isZero();
    // the session ended at the API: the old cookie no longer opens a page
    assertThat(get("/dashboard/mailboxes", session).location()).isEqualTo("/dashboard/sign-in");
  }
}
