package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** After creates, password changes, replays and refusals, no plaintext password is anywhere. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT extends ApiIT {

  @Test
  void plaintextPasswordsAppearInNoKafkaRecordNoTableAndNoLogLine(CapturedOutput output)
      throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    String created = "Secret-Create-" + UUID.randomUUID();
    String changed = "Secret-Change-" + UUID.randomUUID();
    String refused = "Secret-Refused-" + UUID.randomUUID() + "\n";
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("domainId", t.domainId(), "localPart", "vault", "password", created);
    Object id =
        ((Map<?, ?>)
                api.post("/mailboxes", body, key)
                    .expectStatus()
                    .isCreated()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("mailbox"))
            .get("id");
    api.post("/mailboxes", body, key).expectStatus().isCreated();
    api.post("/mailboxes/" + id + "/password", Map.of("password", changed)).expectStatus().isOk();
    api.post("/mailboxes/" + id + "/password", Map.of("password", refused))
        .expectStatus()
        .isEqualTo(422);
    api.post(
            "/mailboxes",
            Map.of("domainId", t.domainId(), "localPart", "vault", "password", created))
        .expectStatus()
        .isEqualTo(409);

    List<String> secrets = List.of(created, changed, refused.trim());
    for (var record : eventLog().all()) {
      String text = new String(record.value(), StandardCharsets.ISO_8859_1);
      secrets.forEach(s -> assertThat(text).doesNotContain(s));
    }
    String dump = tableDump();
    assertThat(dump).contains("vault"); // the dump does see the mailbox
    secrets.forEach(s -> assertThat(dump).doesNotContain(s));
    secrets.forEach(s -> assertThat(output.getAll()).doesNotContain(s));
  }

  /**
   * DKIM private keys exist in plaintext only inside the API while it seals them (and on hosts):
   * opened here with the test's host seal key, no form of them — PKCS#8 bytes, base64, base64url,
   * hex — is in a Kafka record (events and host entries), a table, a log line or an answer.
   */
  @Test
  void dkimPrivateKeysAppearInNoKafkaRecordNoTableNoLogLineAndNoAnswer(CapturedOutput output)
      throws Exception {
    Api api = new Api(http, newTeam().apiKey());
    String name =
        dev.poststack.api.support.PipelineConfig.MX_OK_PREFIX
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ".example";
    StringBuilder answers = new StringBuilder();
    byte[] created =
        api.post("/domains", Map.of("name", name))
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult()
            .getResponseBody();
    answers.append(new String(created, StandardCharsets.UTF_8));
    var idMatch =
        java.util.regex.Pattern.compile("\"id\":(\\d+)")
            .matcher(new String(created, StandardCharsets.UTF_8));
    assertThat(idMatch.find()).isTrue();
    long id = Long.parseLong(idMatch.group(1));
    for (var spec :
        List.of(
            api.post("/domains/" + id + "/verify", null),
            api.post("/domains/" + id + "/dkim/rotate", null),
            api.get("/domains/" + id + "/dkim/rotate"),
            api.get("/domains/" + id),
            api.get("/domains"))) {
      answers.append(
          new String(
              spec.expectStatus().is2xxSuccessful().expectBody().returnResult().getResponseBody(),
              StandardCharsets.UTF_8));
    }

    List<String> forms = new ArrayList<>();
    List<byte[]> raw = new ArrayList<>();
    dev.poststack.values.dkim.HostKeySeal seal =
        dev.poststack.values.dkim.HostKeySeal.fromBase64(HOST_SEAL_KEY);
    try (var c = DB.connect();
        var s =
            c.prepareStatement("select selector, sealed_key from dkim_key where domain_id = ?")) {
      s.setLong(1, id);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          byte[] pkcs8 =
              seal.open(
                  new dev.poststack.values.dkim.SealedPrivateKey(rs.getString(2)),
                  rs.getString(1) + "._domainkey." + name);
          raw.add(pkcs8);
          // a 48-character run of each text form: a key cut into lines (PEM) still contains it
          String b64 = java.util.Base64.getEncoder().encodeToString(pkcs8);
          forms.add(b64.substring(100, 148));
          forms.add(java.util.Base64.getUrlEncoder().encodeToString(pkcs8).substring(100, 148));
          forms.add(java.util.HexFormat.of().formatHex(pkcs8).substring(200, 296));
        }
      }
    }
    assertThat(raw).as("the domain's key and the rotation's").hasSize(2);

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                eventLog().all(dev.poststack.schemas.Topics.HOST_ENTRIES).stream()
                    .anyMatch(r -> r.key().startsWith("dkim:") && r.key().endsWith(name)));
    List<byte[]> records = new ArrayList<>();
    eventLog().all().forEach(r -> records.add(r.value()));
    eventLog()
        .all(dev.poststack.schemas.Topics.HOST_ENTRIES)
        .forEach(r -> records.add(r.value() == null ? new byte[0] : r.value()));
    for (byte[] value : records) {
      String text = new String(value, StandardCharsets.ISO_8859_1);
      for (byte[] key : raw) {
        assertThat(text)
            .doesNotContain(new String(key, StandardCharsets.ISO_8859_1).substring(40, 90));
      }
      forms.forEach(f -> assertThat(text).doesNotContain(f));
    }
    String dump = tableDump();
    assertThat(dump).contains(name);
    forms.forEach(f -> assertThat(dump).doesNotContain(f));
    forms.forEach(f -> assertThat(output.getAll()).doesNotContain(f));
    forms.forEach(f -> assertThat(answers.toString()).doesNotContain(f));
    assertThat(output.getAll()).doesNotContain(HOST_SEAL_KEY);
    assertThat(answers.toString()).doesNotContain("sealed").doesNotContain("v1.");
  }

  /** Every row of every table in the database, as text. */
  private static String tableDump() throws Exception {
    StringBuilder out = new StringBuilder();
    try (var c = DB.connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (var s = c.createStatement();
            var rs = s.executeQuery("select t::text from \"" + table + "\" t")) {
          while (rs.next()) {
            out.append(table).append(' ').append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
