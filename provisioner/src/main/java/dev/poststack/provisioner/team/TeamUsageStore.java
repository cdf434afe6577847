package dev.poststack.provisioner.team;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads {@code team_usage}, which the database's triggers keep (migration V4); runs inside the
 * caller's transaction.
 */
@Component
public class TeamUsageStore {
  private final DatabaseClient db;

  public TeamUsageStore(DatabaseClient db) {
    this.db = db;
  }

  /**
   * The team's usage, with its row locked until the transaction ends (created at zero if the team
   * holds nothing yet). A create checked against a limit reads through this, so a second create of
   * the same team — from another partition, in a concurrent transaction — waits for the first to
   * commit and then counts it: the limit holds exactly, whatever the listener's concurrency.
   */
  public Mono<TeamUsage> lockAndRead(long teamId) {
    return db.sql(
            "insert into team_usage (team_id) values (:team) on conflict (team_id) do update set"
                + " team_id = excluded.team_id returning domains, pending_domains, mailboxes,"
                + " aliases")
        .bind("team", teamId)
        .map(
            row ->
                new TeamUsage(
                    row.get("domains", Long.class),
                    row.get("pending_domains", Long.class),
                    row.get("mailboxes", Long.class),
                    row.get("aliases", Long.class)))
        .one();
  }
}
