package dev.poststack.provisioner.replay;

import dev.poststack.provisioner.EventLog;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * A mixed workload for one team: domains with DKIM rotations, a pending domain that expires, one
 * that is deleted, mailboxes created, renamed, re-passworded, suspended, reactivated and deleted,
 * aliases created and deleted, and refusals (a taken address, an alias shadowing a mailbox, another
 * team's mailbox). Ids come from {@code base} upwards, so two teams never collide.
 */
final class Workload {
  private final EventLog log;
  private final TestEvents events;
  private final long team;
  private final long base;
  private int published;

  Workload(EventLog log, long team, long base) {
    this.log = log;
    this.events = TestEvents.forTeam(team);
    this.team = team;
    this.base = base;
  }

  /** Publishes it all; returns how many events. */
  int publish(int domains, int mailboxesPerDomain, int aliasesPerDomain, long otherTeamMailbox) {
    for (int d = 0; d < domains; d++) {
      long domain = base + d;
      send(events.domainCreatedWithKey(domain, "t" + team + "-d" + d + ".example", "ps1"));
      send(events.domainVerified(domain));
      for (int m = 0; m < mailboxesPerDomain; m++) {
        long mailbox = base * 100 + d * 1000L + m;
        mailbox(domain, mailbox, "user" + m, m);
      }
      // a taken address: refused
      send(events.mailboxCreated(base * 100 + d * 1000L + 999, domain, "user0"));
      for (int a = 0; a < aliasesPerDomain; a++) {
        long alias = base * 100 + d * 1000L + 500 + a;
        send(events.aliasCreated(alias, domain, "alias" + a, base * 100 + d * 1000L + 1));
        if (a % 3 == 0) {
          send(events.aliasDeleted(alias, domain));
        }
      }
      // an alias shadowing a live mailbox: refused
      send(events.aliasCreated(base * 100 + d * 1000L + 998, domain, "user1", base * 100 + 1));
      // another team's mailbox: not found
      send(events.mailboxUpdate(otherTeamMailbox, domain).setDisplayName(change("x")).build());
      dkim(domain, d);
    }
    long pending = base + domains;
    send(events.domainCreated(pending, "t" + team + "-pending.example"));
    send(events.domainExpired(pending));
    long doomed = base + domains + 1;
    send(events.domainCreated(doomed, "t" + team + "-doomed.example"));
    send(events.domainUpdated(doomed, DomainStatus.verified, false));
    send(events.domainDeleted(doomed));
    return published;
  }

  private void mailbox(long domain, long mailbox, String localPart, int m) {
    send(events.mailboxCreated(mailbox, domain, localPart));
    send(
        events
            .mailboxUpdate(mailbox, domain)
            .setDisplayName(change("User " + m))
            .setQuotaBytes((2L + m) << 30)
            .build());
    send(events.passwordChanged(mailbox, domain, "{SHA512-CRYPT}$6$s" + m + "$bmV3"));
    if (m % 4 == 1) {
      send(events.mailboxUpdate(mailbox, domain).setStatus(MailboxStatus.suspended).build());
    }
    if (m % 8 == 1) {
      send(events.mailboxUpdate(mailbox, domain).setStatus(MailboxStatus.active).build());
    }
    if (m % 5 == 4) {
      send(events.mailboxDeleted(mailbox, domain));
    }
  }

  private void dkim(long domain, int d) {
    if (d % 2 == 0) {
      send(events.dkimRotationStarted(domain, "ps2"));
      send(events.dkimRecordSeen(domain, "ps2", Instant.parse("2026-01-01T00:00:00Z")));
      send(events.dkimRotationActivated(domain, "ps2", Instant.parse("2026-01-08T00:00:00Z")));
      send(events.dkimKeyRetired(domain, "ps1"));
    } else {
      send(events.dkimRotationStarted(domain, "ps3"));
      send(events.dkimRotationCancelled(domain, "ps3"));
    }
  }

  private static NullableStringChange change(String value) {
    return new NullableStringChange(value);
  }

  private void send(SpecificRecord event) {
    log.publish(event);
    published++;
  }
}
