package dev.poststack.provisioner.team;

import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.Map;
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
        .map(TeamUsageStore::usage)
        .one();
  }

  /**
   * {@link #lockAndRead} for several teams in one statement. The rows are locked in team id order,
   * so two transactions that lock the same teams wait for each other instead of deadlocking.
   */
  public Mono<Map<Long, TeamUsage>> lockAndReadAll(Collection<Long> teamIds) {
    if (teamIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql(
            "insert into team_usage (team_id) select t from unnest(:teams::bigint[]) t order by t"
                + " on conflict (team_id) do update set team_id = excluded.team_id returning"
                + " team_id, domains, pending_domains, mailboxes, aliases")
        .bind("teams", teamIds.toArray(Long[]::new))
        .map(row -> Map.entry(row.get("team_id", Long.class), usage(row)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private static TeamUsage usage(Readable row) {
    return new TeamUsage(
        row.get("domains", Long.class),
        row.get("pending_domains", Long.class),
        row.get("mailboxes", Long.class),
        row.get("aliases", Long.class));
  }
}
