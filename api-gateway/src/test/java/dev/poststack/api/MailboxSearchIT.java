package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /mailboxes?q=…&status=…}: the dashboard's search, which any API client may use too.
 */
class MailboxSearchIT extends ApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private List<String> addresses(Api api, String query) {
    byte[] raw =
        api.get("/mailboxes" + query)
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode page = JSON.readTree(raw);
    List<String> out = new ArrayList<>();
    page.get("data").forEach(m -> out.add(m.get("emailAddress").asString().split("@")[0]));
    return out;
  }

  @Test
  void theListIsSearchedByTheStartOfTheAddressAndFilteredByStatus() throws Exception {
    var team = newTeam();
    Seed seed = new Seed(DB);
    long domain = seed.verifiedDomain(team.teamId());
    for (String local : List.of("support", "sales", "sup_port", "supply", "x%y", "xzy")) {
      seed.mailbox(team.teamId(), domain, local);
    }
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "update mailbox set status = 'suspended' where team_id = ? and local_part ="
                    + " 'supply'")) {
      s.setLong(1, team.teamId());
      s.executeUpdate();
    }
    Api api = new Api(http, team.apiKey());

    assertThat(addresses(api, "?q=SUP")).containsExactly("support", "sup_port", "supply");
    // LIKE's own characters are matched as themselves
    assertThat(addresses(api, "?q=sup_")).containsExactly("sup_port");
    assertThat(addresses(api, "?q=x")).containsExactly("x%y", "xzy");
    assertThat(addresses(api, "?q=sup&status=suspended")).containsExactly("supply");
    assertThat(addresses(api, "?status=active")).hasSize(5);
    assertThat(addresses(api, "?q=nobody")).isEmpty();
    JsonNode withPropagation =
        JSON.readTree(
            api.get("/mailboxes?q=sales&include=propagation")
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
    assertThat(withPropagation.get("data").get(0).has("propagation")).isTrue();
    api.get("/mailboxes?include=everything").expectStatus().isEqualTo(422);
    api.get("/mailboxes?status=deleted").expectStatus().isEqualTo(422);
    api.get("/mailboxes?q=" + "a".repeat(255)).expectStatus().isEqualTo(422);
  }
}
