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
