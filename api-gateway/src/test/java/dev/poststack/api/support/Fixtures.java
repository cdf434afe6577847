package dev.poststack.api.support;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.admin.team.TeamAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builders for the end-to-end tests: a team with a verified, inbound-enabled domain, and bodies.
 */
public final class Fixtures {
  private Fixtures() {}

  public record TeamWithDomain(long teamId, String apiKey, long domainId, String domainName) {}

  /** A fresh team and a domain the operator verified (DomainAdmin, as the CLI does). */
  public static TeamWithDomain teamWithDomain(TeamAdmin teams, String brokers) {
    TeamAdmin.TeamKey team = teams.createTeam("team-" + UUID.randomUUID());
    String name = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    long domainId = verifiedDomain(team.teamId(), name, brokers);
    return new TeamWithDomain(team.teamId(), team.apiKey(), domainId, name);
  }

  /** The team's live domain of that name, created and verified by the operator if need be. */
  public static long verifiedDomain(long teamId, String name, String brokers) {
    var db = SharedDatabase.get();
    try (DomainAdmin admin =
        new DomainAdmin(
            new AdminDatabase(db.jdbcUrl(), db.user(), db.password()),
            brokers,
            Duration.ofSeconds(20),
            "test")) {
      return admin.ensureVerifiedDomain(teamId, name);
    }
  }

  public static Map<String, Object> mailbox(long domainId, String localPart) {
    Map<String, Object> body = new HashMap<>();
    body.put("domainId", domainId);
    body.put("localPart", localPart);
    body.put("password", "pw-" + UUID.randomUUID());
    return body;
  }

  public static Map<String, Object> alias(long domainId, String localPart, Object destination) {
    return Map.of(
        "domainId", domainId, "localPart", localPart, "destinationMailboxId", destination);
  }
}
