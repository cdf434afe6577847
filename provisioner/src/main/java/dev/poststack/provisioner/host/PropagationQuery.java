package dev.poststack.provisioner.host;

import dev.poststack.controlplane.propagation.PropagationSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link Propagation} as one read-only SQL statement ({@link PropagationSql#MAILBOX}, in
 * control-plane because the API's {@code GET /mailboxes/:id} runs the same text;
 * provisioner/README.md shows it verbatim); this class runs it so the tests check it against the
 * pure computation.
 */
@Component
public class PropagationQuery {
  private final DatabaseClient db;

  public PropagationQuery(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Propagation> forMailbox(String emailAddress) {
    return db.sql(PropagationSql.MAILBOX)
        .bind(0, emailAddress)
        .map(
            row ->
                new Propagation(
                    row.get("hosts", Long.class).intValue(),
                    row.get("applied", Long.class).intValue()))
        .one();
  }
}
