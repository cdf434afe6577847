package dev.poststack.provisioner;

import dev.poststack.provisioner.alias.AliasRules;
import dev.poststack.provisioner.domain.DomainRules;
import dev.poststack.provisioner.mailbox.MailboxRules;
import dev.poststack.renderer.value.InvalidValueException;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.PasswordChanged;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The provisioner's one decision: {@code apply(current, event) → Decision}. Pure: no clock, no I/O,
 * no Spring; every timestamp it writes is the event's {@code occurredAt}, so replaying the log
 * reproduces the state byte for byte.
 */
public final class Provisioning {
  private static final Set<Class<?>> RULES = Set.of(DomainCreated.class, DomainUpdated.class,
      DomainDeleted.class, MailboxCreated.class, MailboxUpdated.class, PasswordChanged.class,
      MailboxDeleted.class, AliasCreated.class, AliasDeleted.class);

  private Provisioning() {}

  /**
   * Refuses, before anything is claimed or written, an event type that {@link #apply} has no rule
   * for, so that it can be dead-lettered without disturbing the rest of its batch.
   *
   * @throws UnknownEventException for an event type without a rule
   */
  public static void requireRule(SpecificRecord event) {
    if (event == null || !RULES.contains(event.getClass())) {
      throw new UnknownEventException(event);
    }
  }

  /** @throws UnknownEventException for an event type without a rule (dead-lettered, not audited) */
  public static Decision apply(Snapshot current, SpecificRecord event) {
    try {
      return dispatch(current, event);
    } catch (InvalidValueException invalid) {
      // the API validated too, but the renderer's value types are the last gate
      return Decision.rejected(RejectionCode.VALIDATION_ERROR, invalid.getMessage());
    }
  }

  private static Decision dispatch(Snapshot current, SpecificRecord event) {
    if (event instanceof DomainCreated e) {
      return DomainRules.created(current, e);
    }
    if (event instanceof DomainUpdated e) {
      return DomainRules.updated(current, e);
    }
    if (event instanceof DomainDeleted e) {
      return DomainRules.deleted(current, e);
    }
    if (event instanceof MailboxCreated e) {
      return MailboxRules.created(current, e);
    }
    if (event instanceof MailboxUpdated e) {
      return MailboxRules.updated(current, e);
    }
    if (event instanceof PasswordChanged e) {
      return MailboxRules.passwordChanged(current, e);
    }
    if (event instanceof MailboxDeleted e) {
      return MailboxRules.deleted(current, e);
    }
    if (event instanceof AliasCreated e) {
      return AliasRules.created(current, e);
    }
    if (event instanceof AliasDeleted e) {
      return AliasRules.deleted(current, e);
    }
    throw new UnknownEventException(event);
  }
}
