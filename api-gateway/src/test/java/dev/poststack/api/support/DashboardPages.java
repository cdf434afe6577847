package dev.poststack.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.controlplane.member.MemberPasswords;
import dev.poststack.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The dashboard's pages as a browser without scripts sees them: GETs and form posts with cookies,
 * the CSRF tokens read out of the HTML, a member added as the operator's command adds one, and
 * sign-in through the form.
 */
public final class DashboardPages {
  public static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  public static final Pattern META_CSRF =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  private final WebTestClient http;
  private final TestDatabase db;

  public DashboardPages(WebTestClient http, TestDatabase db) {
    this.http = http;
    this.db = db;
  }

  /** One answer: status, HTML, the cookies it set and its headers. */
  public record Page(int status, String body, List<ResponseCookie> cookies, HttpHeaders headers) {
    public String location() {
      return headers.getFirst("Location");
    }

    public ResponseCookie cookie(String name) {
      return cookies.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }
  }

  public Page get(String path, String cookie) {
    var spec = http.get().uri(path);
    if (cookie != null) {
      spec = spec.header("Cookie", cookie);
    }
    return page(spec.exchange().expectBody().returnResult());
  }

  /** A form post; {@code headers} are name, value pairs. */
  public Page post(
      String path, String cookie, LinkedMultiValueMap<String, String> form, String... headers) {
    var spec =
        http.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .header("Cookie", cookie == null ? "" : cookie);
    for (int i = 0; i < headers.length; i += 2) {
      spec = spec.header(headers[i], headers[i + 1]);
    }
    return page(spec.body(BodyInserters.fromFormData(form)).exchange().expectBody().returnResult());
  }

  private static Page page(EntityExchangeResult<byte[]> r) {
    byte[] body = r.getResponseBody();
    return new Page(
        r.getStatus().value(),
        body == null ? "" : new String(body, StandardCharsets.UTF_8),
        r.getResponseCookies().values().stream().flatMap(List::stream).toList(),
        r.getResponseHeaders());
  }

  public static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in %s", p, text).isTrue();
    return m.group(1);
  }

  /** A new member of the team with this password; answers the address. */
  public String member(long teamId, String password) throws Exception {
    String email = "d-" + UUID.randomUUID().toString().substring(0, 8) + "@members.example";
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into team_member (team_id, email, password_hash) values (?, ?, ?)")) {
      s.setLong(1, teamId);
      s.setString(2, email);
      s.setString(3, MemberPasswords.hash(password));
      s.executeUpdate();
    }
    return email;
  }

  /** Signs in through the form: the answer, a 303 with the session cookie when it worked. */
  public Page signIn(String email, String password) {
    Page form = get("/dashboard/sign-in", null);
    String signInCookie = "poststack_sign_in=" + form.cookie("poststack_sign_in").getValue();
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("email", email);
    fields.add("password", password);
    fields.add("_csrf", group(HIDDEN_CSRF, form.body()));
    return post("/dashboard/sign-in", signInCookie, fields);
  }

  /** The session cookie of a sign-in that must work, as a Cookie header. */
  public String session(String email, String password) {
    Page answer = signIn(email, password);
    assertThat(answer.status()).isEqualTo(303);
    return "poststack_session=" + answer.cookie("poststack_session").getValue();
  }
}
