package dev.poststack.provisioner;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.values.mailbox.MailboxStatus;
import java.time.Instant;

/** Current rows for the given-part of decision tests. */
public final class Rows {
  public static final long TEAM = 7;
  public static final long OTHER_TEAM = 8;
  public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private Rows() {}

  public static Domain verifiedDomain(long id, String name) {
    return new Domain(
        id, "dom_" + id, TEAM, name, DomainStatus.verified, true, CREATED, CREATED, CREATED, null);
  }

  public static Domain pendingDomain(long id, String name) {
    return new Domain(
        id, "dom_" + id, TEAM, name, DomainStatus.pending, true, null, CREATED, CREATED, null);
  }

  public static Mailbox mailbox(long id, Domain domain, String localPart) {
    return new Mailbox(
        id,
        "mb_" + id,
        domain.teamId(),
        domain.id(),
        localPart,
        localPart + "@" + domain.name(),
        TestEvents.HASH,
        null,
        1L << 30,
        MailboxStatus.ACTIVE,
        false,
        CREATED,
        CREATED,
        null);
  }

  public static Alias alias(long id, Domain domain, String localPart, long destination) {
    return new Alias(
        id,
        "al_" + id,
        domain.teamId(),
        domain.id(),
        localPart,
        localPart + "@" + domain.name(),
        destination,
        CREATED,
        null);
  }
}
