package dev.poststack.api.limit;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
import io.r2dbc.spi.Readable;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Per-team limits as the API checks them. For domains, mailboxes and aliases this is the fast path:
 * the limit goes into the event and the provisioner's rule refuses at it, counting in its apply
 * transaction (see the provisioner's README). API keys are this API's own rows, so their check is
 * made here, exactly, under a lock on the team's row.
 */
@Component
public class TeamQuotas {
  // one round trip: what the team holds (the provisioner's team_usage, the API's own keys) and
  // the operator's overrides, one row per override (or one row of nulls)
  private static final String STANDING =
      """
      select u.domains, u.pending_domains, u.mailboxes, u.aliases,
             (select count(*) from api_key k where k.team_id = t.id and k.revoked_at is null)
               as api_keys,
             o.name, o.max_count
      from (select cast(:team as bigint) as id) t
      left join team_usage u on u.team_id = t.id
      left join team_limit o on o.team_id = t.id\
      """;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final TeamLimits defaults;

  public TeamQuotas(DatabaseClient db, TransactionalOperator tx, ApiProperties properties) {
    this.db = db;
    this.tx = tx;
    this.defaults = properties.limits().defaults();
  }

  public Mono<TeamStanding> of(long teamId) {
    Map<TeamLimit, Long> held = new EnumMap<>(TeamLimit.class);
    Map<TeamLimit, Long> overrides = new EnumMap<>(TeamLimit.class);
    return db.sql(STANDING)
        .bind("team", teamId)
        .map(
            row -> {
              // a row is readable only inside map
              read(row, held, overrides);
              return 1;
            })
        .all()
        .then(Mono.fromSupplier(() -> new TeamStanding(defaults.overriddenBy(overrides), held)));
  }

  /**
   * Runs {@code create} (a write of the API's own rows) in a transaction that first locks the
   * team's row and checks the limit: concurrent creates of one team are counted one after the
   * other, so the limit holds exactly.
   */
  public <T> Mono<T> withRoomFor(long teamId, TeamLimit limit, Mono<T> create) {
    Mono<Void> lock =
        db.sql("select id from team where id = :team for no key update")
            .bind("team", teamId)
            .map(row -> 1)
            .all()
            .then();
    return tx.transactional(lock.then(of(teamId)).doOnNext(s -> s.require(limit)).then(create));
  }

  private static void read(
      Readable row, Map<TeamLimit, Long> held, Map<TeamLimit, Long> overrides) {
    held.put(TeamLimit.DOMAINS, count(row, "domains"));
    held.put(TeamLimit.PENDING_DOMAINS, count(row, "pending_domains"));
    held.put(TeamLimit.MAILBOXES, count(row, "mailboxes"));
    held.put(TeamLimit.ALIASES, count(row, "aliases"));
    held.put(TeamLimit.API_KEYS, count(row, "api_keys"));
    String name = row.get("name", String.class);
    if (name != null) {
      TeamLimit.ofKey(name).ifPresent(l -> overrides.put(l, row.get("max_count", Long.class)));
    }
  }

  private static long count(Readable row, String column) {
    Long value = row.get(column, Long.class);
    return value == null ? 0 : value;
  }
}
