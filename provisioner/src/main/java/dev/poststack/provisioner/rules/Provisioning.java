package dev.poststack.provisioner.rules;

import dev.poststack.schemas.EventType;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The provisioner's one decision, {@code apply(current, event) → Decision}, and the registry of
 * rules it dispatches to: one {@link Rule} per {@link EventType}. Pure: every timestamp it writes
 * is the event's {@code occurredAt}, so replaying the log reproduces the state byte for byte.
 */
public final class Provisioning {
  private static final Map<EventType, Rule<?>> RULES =
      index(
          List.of(
              new DomainCreatedRule(),
              new DomainUpdatedRule(),
              new DomainDeletedRule(),
              new DomainExpiredRule(),
              new MailboxCreatedRule(),
              new MailboxUpdatedRule(),
              new PasswordChangedRule(),
              new MailboxDeletedRule(),
              new AliasCreatedRule(),
              new AliasDeletedRule(),
              new DkimRotationStartedRule(),
              new DkimRecordSeenRule(),
              new DkimRotationActivatedRule(),
              new DkimRotationCancelledRule(),
              new DkimKeyRetiredRule()));

  private Provisioning() {}

  /** Event types without a rule; a test keeps it empty, so a new schema cannot ship without one. */
  public static Set<EventType> typesWithoutRule() {
    Set<EventType> missing = EnumSet.allOf(EventType.class);
    missing.removeAll(RULES.keySet());
    return missing;
  }

  /**
   * Refuses, before anything is claimed or written, an event that has no rule, so that it can be
   * dead-lettered without disturbing the rest of its batch.
   *
   * @throws UnknownEventException for an event type without a rule
   */
  public static void requireRule(SpecificRecord event) {
    ruleFor(event);
  }

  /**
   * The decision for an event that breaks the bounds every event must keep ({@link EventBounds}),
   * reached without reading anything for it; empty for every other event.
   */
  public static Optional<Decision> refusedUnread(SpecificRecord event, PasswordSchemes schemes) {
    return EventBounds.refusal(event, schemes);
  }

  /** What the event's rule reads before deciding. */
  public static List<Read> reads(SpecificRecord event) {
    return readsOf(ruleFor(event), event);
  }

  /**
   * @throws UnknownEventException for an event type without a rule (dead-lettered, not audited)
   */
  public static Decision apply(Snapshot current, SpecificRecord event) {
    Rule<?> rule = ruleFor(event);
    try {
      return decide(rule, current, event);
    } catch (InvalidValueException invalid) {
      // the API validated too, but the renderer's value types are the last gate
      return Decision.rejected(RejectionCode.VALIDATION_ERROR, invalid.getMessage());
    }
  }

  private static Rule<?> ruleFor(SpecificRecord event) {
    if (event != null) {
      for (EventType type : EventType.values()) {
        if (type.recordClass() == event.getClass() && RULES.containsKey(type)) {
          return RULES.get(type);
        }
      }
    }
    throw new UnknownEventException(event);
  }

  // the rule was found by the event's class, so the cast holds
  @SuppressWarnings("unchecked")
  private static <E extends SpecificRecord> List<Read> readsOf(Rule<E> rule, SpecificRecord event) {
    return rule.reads((E) event);
  }

  @SuppressWarnings("unchecked")
  private static <E extends SpecificRecord> Decision decide(
      Rule<E> rule, Snapshot current, SpecificRecord event) {
    return rule.decide(current, (E) event);
  }

  private static Map<EventType, Rule<?>> index(List<Rule<?>> rules) {
    Map<EventType, Rule<?>> byType = new EnumMap<>(EventType.class);
    for (Rule<?> rule : rules) {
      if (byType.put(rule.type(), rule) != null) {
        throw new IllegalStateException("two rules for " + rule.type());
      }
    }
    return byType;
  }
}
