package dev.poststack.provisioner.activity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * One batch of observations in one transaction: lock the rows it names, decide with the pure {@link
 * ActivityPlan}, write the changed rows and queue the notices, commit. Three statements whatever
 * the batch's size (two when no notice is due, one when nothing moves).
 */
@Component
class ActivityApplier {
  private final ActivityStore store;
  private final TransactionalOperator tx;

  ActivityApplier(ActivityStore store, TransactionalOperator tx) {
    this.store = store;
    this.tx = tx;
  }

  Mono<ActivityPlan> apply(List<Observation> observations) {
    if (observations.isEmpty()) {
      return Mono.just(ActivityPlan.of(List.of(), List.of()));
    }
    Set<Long> ids = new LinkedHashSet<>();
    Set<String> addresses = new LinkedHashSet<>();
    for (Observation o : observations) {
      if (o.mailboxId() != null) {
        ids.add(o.mailboxId());
      }
      addresses.add(o.address().value());
    }
    Mono<ActivityPlan> work =
        store
            .lock(ids, addresses)
            .map(rows -> ActivityPlan.of(observations, rows))
            .flatMap(
                plan ->
                    store.write(plan.changed()).then(store.queue(plan.notices())).thenReturn(plan));
    return tx.transactional(work);
  }
}
