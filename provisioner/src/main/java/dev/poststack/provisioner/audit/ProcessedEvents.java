package dev.poststack.provisioner.audit;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The dedupe record: an event id is claimed in the same transaction as its effect, so a
 * redelivered event (crash before the offset commit, a producer retry) finds it claimed.
 */
@Component
public class ProcessedEvents {
  private final DatabaseClient db;

  public ProcessedEvents(DatabaseClient db) {
    this.db = db;
  }

  /** True if this transaction claimed the event; false if it was processed before. */
  public Mono<Boolean> claim(UUID eventId) {
    return db.sql("insert into processed_event (event_id) values (:id) on conflict do nothing")
        .bind("id", eventId).fetch().rowsUpdated().map(rows -> rows == 1);
  }
}
