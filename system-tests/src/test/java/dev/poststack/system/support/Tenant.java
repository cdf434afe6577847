package dev.poststack.system.support;

import static org.awaitility.Awaitility.await;

import dev.poststack.admin.team.TeamAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A customer of the platform: a team with a full-access key (the operator's {@link TeamAdmin}, the
 * only step outside the REST API), then everything through the API as the SDK sends it.
 */
public final class Tenant {
  public final ApiClient api;
  public final long teamId;

  Tenant(ApiClient api, long teamId) {
    this.api = api;
    this.teamId = teamId;
  }

  public record Mailbox(long id, String publicId, String address, String password) {
    public String path() {
      return "/mailboxes/" + publicId;
    }

    public Mailbox withPassword(String newPassword) {
      return new Mailbox(id, publicId, address, newPassword);
    }
  }

  /** A domain name no other test (nor an earlier run on the same database) uses. */
  public static String uniqueDomain(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  }

  /**
   * Created, its ownership token published as its owner would (its MX points at the mail host, see
   * TestDns), verified and inbound-enabled.
   */
  public long verifiedDomain(String name) {
    JsonNode domain = api.post("/domains", Map.of("name", name)).expect(201).at("/domain");
    long id = domain.get("id").asLong();
    for (JsonNode record : domain.get("dnsRecords")) {
      if ("verification".equals(record.get("purpose").asText())) {
        TestDns.server().txt(record.get("name").asText(), record.get("value").asText());
      }
    }
    api.post("/domains/" + id + "/verify", null).expect(200);
    api.patch("/domains/" + id, Map.of("inbound_enabled", true)).expect(200);
    return id;
  }

  public Mailbox mailbox(long domainId, String localPart, String password) {
    return mailbox(domainId, localPart, password, null);
  }

  public Mailbox mailbox(long domainId, String localPart, String password, Long quotaBytes) {
    Map<String, Object> body =
        new HashMap<>(Map.of("domainId", domainId, "localPart", localPart, "password", password));
    if (quotaBytes != null) {
      body.put("quotaBytes", quotaBytes);
    }
    JsonNode m = api.post("/mailboxes", body).expect(201).at("/mailbox");
    return new Mailbox(
        m.get("id").asLong(),
        m.get("publicId").asString(),
        m.get("emailAddress").asString(),
        password);
  }

  /** The alias's numeric id. */
  public long alias(long domainId, String localPart, Mailbox destination) {
    return api.post(
            "/mailboxes/aliases",
            Map.of(
                "domainId",
                domainId,
                "localPart",
                localPart,
                "destinationMailboxId",
                destination.id()))
        .expect(201)
        .at("/alias/id")
        .asLong();
  }

  /** {@code {"hosts": N, "applied": K}} as GET /mailboxes/:id shows it now. */
  public JsonNode propagation(Mailbox m) {
    return api.get(m.path()).expect(200).at("/mailbox/propagation");
  }

  /**
   * Waits until the mailbox's latest change is live on every mail host (GET shows applied == hosts
   * == 1).
   */
  public void awaitOnHost(Mailbox m) {
    await("propagation of " + m.address())
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              JsonNode p = propagation(m);
              return p.get("hosts").asLong() == 1 && p.get("applied").asLong() == 1;
            });
  }

  static Tenant create(SystemStack stack) {
    TeamAdmin.TeamKey key = stack.teams().createTeam("team-" + UUID.randomUUID());
    return new Tenant(stack.apiClient(key.apiKey()), key.teamId());
  }
}
