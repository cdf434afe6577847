package dev.poststack.provisioner.host;

import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.propagation.PropagationSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link Propagation} of one object as one read-only SQL statement ({@link
 * PropagationSql#OF_OBJECT}, in control-plane because the API's {@code GET /mailboxes/:id} runs the
 * same text; provisioner/README.md shows it verbatim); this class runs it so the tests check it
 * against the pure computation. Hosts silent for the default offline threshold ({@link
 * HostThresholds#DEFAULT}) do not count; the API passes its own setting.
 */
@Component
public class PropagationQuery {
  private final DatabaseClient db;

  public PropagationQuery(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Propagation> forMailbox(long mailboxId) {
    return of(EntryOwner.mailbox(mailboxId));
  }

  public Mono<Propagation> forAlias(long aliasId) {
    return of(EntryOwner.alias(aliasId));
  }

  private Mono<Propagation> of(EntryOwner owner) {
    return db.sql(PropagationSql.OF_OBJECT)
        .bind(0, owner.kind())
        .bind(1, owner.id())
        .bind(2, (double) HostThresholds.DEFAULT.offlineAfter().toSeconds())
        .map(
            row ->
                new Propagation(
                    row.get("hosts", Long.class).intValue(),
                    row.get("applied", Long.class).intValue()))
        .one();
  }
}
