package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.launcher.spi.EventReplayer.Until;
import dev.poststack.provisioner.replay.ReplayContext;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import dev.poststack.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The log is kept forever, so it mixes events written by every release: here events encoded with
 * the first released schemas (no client request id, no origin) and with the one before the origin
 * came, interleaved with current ones on one partition. Every one is applied in order and audited:
 * the old ones without a source address or User-Agent, the new ones with theirs, and the changed
 * fields filled for all of them (they come from the rows, not from the envelope). A replay of that
 * mixed log into a scratch database then equals the live state, audit rows included.
 */
class MixedVersionLogIT {
  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();
  private final ReleasedVersionWriter old = new ReleasedVersionWriter();

  @Test
  void oldAndNewEnvelopesAreAllAppliedAndAudited() throws Exception {
    TestEvents team = TestEvents.forTeam(21);
    var domainCreated = team.domainCreated(201, "mixed.example");
    var domainVerified = fromTheApi(team.domainVerified(201));
    var mailboxCreated = team.mailboxCreated(2001, 201, "anna");
    var renamed =
        fromTheApi(
            team.mailboxUpdate(2001, 201).setDisplayName(new NullableStringChange("Anna")).build());
    var password = team.passwordChanged(2001, 201, "{SHA512-CRYPT}$6$other$c2VjcmV0Mg");
    var suspended = team.mailboxUpdate(2001, 201).setStatus(MailboxStatus.suspended).build();
    var alias = fromTheApi(team.aliasCreated(5001, 201, "help", 2001));
    var deleted = team.mailboxDeleted(2001, 201);

    publishOld(domainCreated, 1);
    log.publish(domainVerified);
    publishOld(mailboxCreated, 1);
    log.publish(renamed);
    publishOld(password, 2);
    publishOld(suspended, 1);
    log.publish(alias);
    publishOld(deleted, 2);
    List<SpecificRecord> all =
        List.of(
            domainCreated,
            domainVerified,
            mailboxCreated,
            renamed,
            password,
            suspended,
            alias,
            deleted);
    outcomes.awaitAll(all.stream().map(e -> Events.envelope(e).getEventId()).toArray(UUID[]::new));

    assertThat(db.row("select status, display_name from mailbox where id = 2001"))
        .containsEntry("status", "deleted")
        .containsEntry("display_name", "Anna");
    assertThat(db.row("select deleted_at is not null as gone from alias where id = 5001"))
        .containsEntry("gone", true);

    List<Map<String, Object>> audit =
        db.rows(
            "select event_type, outcome, source_ip, user_agent, changes::text as changes"
                + " from audit_event where domain_id = 201 order by kafka_offset");
    assertThat(audit).extracting(r -> r.get("outcome")).containsOnly("applied");
    assertThat(audit)
        .extracting(r -> r.get("event_type"))
        .containsExactly(
            "DomainCreated",
            "DomainUpdated",
            "MailboxCreated",
            "MailboxUpdated",
            "PasswordChanged",
            "MailboxUpdated",
            "AliasCreated",
            "MailboxDeleted");
    for (int i : new int[] {1, 3, 6}) {
      assertThat(audit.get(i))
          .as("a current event, %s", audit.get(i).get("event_type"))
          .containsEntry("source_ip", "2001:db8::7")
          .containsEntry("user_agent", "poststack-sdk/1.2");
    }
    for (int i : new int[] {0, 2, 4, 5, 7}) {
      assertThat(audit.get(i))
          .as("an old event, %s", audit.get(i).get("event_type"))
          .containsEntry("source_ip", null)
          .containsEntry("user_agent", null);
    }

    assertThat(change("DomainCreated", 0, "name")).containsExactly("null", "mixed.example");
    assertThat(change("DomainUpdated", 0, "status")).containsExactly("pending", "verified");
    assertThat(change("MailboxCreated", 0, "emailAddress"))
        .containsExactly("null", "anna@mixed.example");
    assertThat(value("MailboxCreated", 0, "password")).isEqualTo("changed");
    assertThat(change("MailboxUpdated", 0, "displayName")).containsExactly("null", "Anna");
    assertThat(value("PasswordChanged", 0, "password")).isEqualTo("changed");
    assertThat(change("MailboxUpdated", 1, "status")).containsExactly("active", "suspended");
    assertThat(change("AliasCreated", 0, "aliasAddress"))
        .containsExactly("null", "help@mixed.example");
    assertThat(change("MailboxDeleted", 0, "status")).containsExactly("suspended", "deleted");

    // the replay reads the same mixed bytes and decides, audits and records them alike
    try (TestDatabase scratch = TestDatabase.create();
        ReplayContext replay = ReplayContext.into(stack.brokers(), scratch, "replay-mixed")) {
      EventReplayer.Result result = replay.replayer().replay(Until.END, p -> {});
      assertThat(result.undecodable()).isZero();
      assertThat(result.applied()).isEqualTo(result.events());
      TestDatabase live = stack.testDb();
      assertThat(replay.replayer().differenceFrom(live.jdbcUrl(), live.user(), live.password()))
          .isEmpty();
    }
  }

  /**
   * As a producer of that version would have: the origin set here cannot be written (the version
   * has no field for it), so the audit row's null proves the old bytes were read.
   */
  private void publishOld(SpecificRecord event, int version) {
    assertThat(old.hasOrigin(event, version)).as("version %d has no origin yet", version).isFalse();
    log.publishRaw(Events.partitionKey(event), old.encode(fromTheApi(event), version));
  }

  private static <T extends SpecificRecord> T fromTheApi(T event) {
    Events.envelope(event).setSourceIp("2001:db8::7");
    Events.envelope(event).setUserAgent("poststack-sdk/1.2");
    return event;
  }

  /** The nth audit row of the type's change of {@code field}: from ("null" for none) and to. */
  private List<Object> change(String type, int nth, String field) {
    Map<String, Object> row =
        db.row(
            "select coalesce(changes->?->>'from', 'null') as \"from\", changes->?->>'to' as \"to\""
                + " from audit_event where domain_id = 201 and event_type = ?"
                + " order by kafka_offset offset ? limit 1",
            field,
            field,
            type,
            nth);
    return List.of(row.get("from"), row.get("to"));
  }

  /** The nth audit row of the type's change of {@code field}, when it is a plain value. */
  private Object value(String type, int nth, String field) {
    return db.row(
            "select changes->>? as value from audit_event where domain_id = 201"
                + " and event_type = ? order by kafka_offset offset ? limit 1",
            field,
            type,
            nth)
        .get("value");
  }
}
