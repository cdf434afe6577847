package dev.poststack.api.mailbox;

import dev.poststack.api.mailbox.ImportPlan.Existing;
import dev.poststack.api.mailbox.ImportPlan.ExistingAlias;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a bulk import reads, a statement for many rows at a time: what lives at its addresses, and
 * ids reserved in one round trip.
 */
@Component
class ImportQueries {
  private final DatabaseClient db;

  ImportQueries(DatabaseClient db) {
    this.db = db;
  }

  /** The team's live mailboxes at these addresses (the address index answers each). */
  Flux<Existing> mailboxes(long teamId, Collection<String> addresses) {
    if (addresses.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "select id, public_id, email_address, display_name, quota_bytes, webhook_enabled,"
                + " password_hash from mailbox where team_id = :team and status <> 'deleted'"
                + " and email_address = any(:addresses)")
        .bind("team", teamId)
        .bind("addresses", addresses.toArray(String[]::new))
        .map(
            row ->
                new Existing(
                    row.get("id", Long.class),
                    row.get("public_id", String.class),
                    row.get("email_address", String.class),
                    row.get("display_name", String.class),
                    row.get("quota_bytes", Long.class),
                    Boolean.TRUE.equals(row.get("webhook_enabled", Boolean.class)),
                    row.get("password_hash", String.class)))
        .all();
  }

  /** The team's live aliases at these addresses. */
  Flux<ExistingAlias> aliases(long teamId, Collection<String> addresses) {
    if (addresses.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "select id, public_id, alias_address, destination_mailbox_id from alias"
                + " where team_id = :team and deleted_at is null"
                + " and alias_address = any(:addresses)")
        .bind("team", teamId)
        .bind("addresses", addresses.toArray(String[]::new))
        .map(
            row ->
                new ExistingAlias(
                    row.get("id", Long.class),
                    row.get("public_id", String.class),
                    row.get("alias_address", String.class),
                    row.get("destination_mailbox_id", Long.class)))
        .all();
  }

  Mono<List<Long>> mailboxIds(int n) {
    return ids("mailbox_id_seq", n);
  }

  Mono<List<Long>> aliasIds(int n) {
    return ids("alias_id_seq", n);
  }

  private Mono<List<Long>> ids(String sequence, int n) {
    if (n == 0) {
      return Mono.just(List.of());
    }
    return db.sql("select nextval('" + sequence + "') as id from generate_series(1, :n)")
        .bind("n", n)
        .map(row -> row.get("id", Long.class))
        .all()
        .collectList();
  }
}
