package dev.poststack.provisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.team.TeamUsage;
import dev.poststack.provisioner.team.TeamUsageStore;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

/**
 * Rule tests in the Axon shape: given past events → when this event → then these changes or this
 * rejection. The given events go through the production apply path ({@link EventProcessor}: claim,
 * load, decide, write, outbox, audit) and the when event is loaded and decided by the same code
 * ({@link EventProcessor#decide}), so a test's state is always one production can reach.
 *
 * <p>Each {@code when} replays its given in one transaction that is rolled back, so tests share one
 * migrated database (per test JVM) and never see each other's rows.
 *
 * <pre>{@code @RegisterExtension static final RuleFixture fixture = new RuleFixture();}</pre>
 */
public final class RuleFixture implements BeforeAllCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ExtensionContext.Namespace SHARED =
      ExtensionContext.Namespace.create(RuleFixture.class);

  private ApplyRig rig;

  @Override
  public void beforeAll(ExtensionContext context) {
    // the root store closes the rig (and drops the database) when the test run ends
    rig =
        context
            .getRoot()
            .getStore(SHARED)
            .computeIfAbsent(
                ApplyRig.class, k -> ApplyRig.on(TestDatabase.create()), ApplyRig.class);
  }

  /** Past events; each must be applied when it is replayed (a given is a fact). */
  public Given given(SpecificRecord... events) {
    return new Given(List.of(events));
  }

  /** The state the given events leave: read it, or decide an event on it. */
  public final class Given {
    private final List<SpecificRecord> events;

    private Given(List<SpecificRecord> events) {
      this.events = events;
    }

    /** Loads and decides the event as the listener would; nothing stays written. */
    public Then when(SpecificRecord event) {
      return new Then(onGiven(rig -> rig.processor().decide(event)));
    }

    public Domain domain(long id) {
      return onGiven(rig -> new DomainStore(rig.client()).findById(id));
    }

    public Mailbox mailbox(long id) {
      return onGiven(rig -> new MailboxStore(rig.client()).findById(id));
    }

    public Alias alias(long id) {
      return onGiven(rig -> new AliasStore(rig.client()).findById(id));
    }

    /**
     * The host entries the given event (one of them) put in the outbox: each line, or {@code
     * tombstone <key>}.
     */
    public List<String> enqueuedBy(SpecificRecord given) {
      String eventId = Events.envelope(given).getEventId().toString();
      return onGiven(
          rig ->
              rig.client()
                  .sql(
                      "select coalesce(line, 'tombstone ' || entry_key) from host_entry_outbox"
                          + " where event_id = :id::uuid order by id")
                  .bind("id", eventId)
                  .map(row -> row.get(0, String.class))
                  .all()
                  .collectList());
    }

    /** What the team holds once the given events are applied, as {@code team_usage} counts it. */
    public TeamUsage usage(long team) {
      return onGiven(rig -> new TeamUsageStore(rig.client()).lockAndRead(team));
    }

    private <T> T onGiven(Function<ApplyRig, Mono<T>> then) {
      List<EventProcessor.Pending> pending = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        pending.add(new EventProcessor.Pending(events.get(i), new KafkaPosition("given", 0, i)));
      }
      List<Object> result = new ArrayList<>();
      rig.tx()
          .execute(
              status -> {
                status.setRollbackOnly();
                return rig.processor()
                    .processAll(pending)
                    .doOnNext(result::add)
                    .then(then.apply(rig))
                    .doOnNext(result::add);
              })
          .then()
          .block(TIMEOUT);
      @SuppressWarnings("unchecked")
      List<RecordOutcome> outcomes = (List<RecordOutcome>) result.get(0);
      for (int i = 0; i < events.size(); i++) {
        assertThat(outcomes.get(i).result())
            .as("given %s must be applied", Events.envelope(events.get(i)))
            .isEqualTo(RecordOutcome.Result.APPLIED);
      }
      @SuppressWarnings("unchecked")
      T value = result.size() > 1 ? (T) result.get(1) : null;
      return value;
    }
  }

  /** What the when event came to. */
  public static final class Then {
    private final Decision decision;

    private Then(Decision decision) {
      this.decision = decision;
    }

    public List<Change> thenChanges() {
      assertThat(decision).as("expected an applied decision").isInstanceOf(Decision.Applied.class);
      return ((Decision.Applied) decision).changes();
    }

    public <T extends Change> T thenOnly(Class<T> type) {
      List<Change> changes = thenChanges();
      assertThat(changes).hasSize(1);
      assertThat(changes.get(0)).isInstanceOf(type);
      return type.cast(changes.get(0));
    }

    public void thenRejected(RejectionCode code) {
      assertThat(decision).as("expected a rejection").isInstanceOf(Decision.Rejected.class);
      assertThat(((Decision.Rejected) decision).code()).isEqualTo(code);
    }
  }
}
