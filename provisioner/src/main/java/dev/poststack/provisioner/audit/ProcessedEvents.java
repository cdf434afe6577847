package dev.poststack.provisioner.audit;

import dev.poststack.provisioner.tx.MandatoryTransaction;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The dedupe record: an event id is claimed in the same transaction as its effect, so a redelivered
 * event (crash before the offset commit, a producer retry) finds it claimed. Refuses to run outside
 * a transaction: a claim committed alone would mark an event done that never was.
 */
@Component
public class ProcessedEvents {
  private final DatabaseClient db;

  public ProcessedEvents(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Claims every id in one statement; the ids this transaction claimed (the others were processed
   * before). An id given twice is claimed once: the caller treats its first record as the claim.
   */
  public Mono<Set<UUID>> claimAll(Collection<UUID> eventIds) {
    return MandatoryTransaction.require("the dedupe claim", Mono.defer(() -> claim(eventIds)));
  }

  private Mono<Set<UUID>> claim(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Mono.just(Set.of());
    }
    String[] ids =
        new LinkedHashSet<>(eventIds).stream().map(UUID::toString).toArray(String[]::new);
    return db.sql(
            "insert into processed_event (event_id) select unnest(:ids::uuid[])"
                + " on conflict do nothing returning event_id")
        .bind("ids", ids)
        .map(row -> row.get("event_id", UUID.class))
        .all()
        .collect(HashSet::new, Set::add);
  }
}
