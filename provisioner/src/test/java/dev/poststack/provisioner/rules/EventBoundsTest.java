package dev.poststack.provisioner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventBoundsTest {
  private static final PasswordSchemes SCHEMES = PasswordSchemes.defaults();
  private final TestEvents events = TestEvents.forTeam(1);

  @Test
  void anEventWithOnlyPrintableTextPassesUnread() {
    assertThat(Provisioning.refusedUnread(events.mailboxCreated(2, 1, "anna"), SCHEMES)).isEmpty();
  }

  @Test
  void onlyTheConfiguredCryptSchemesWithBoundedRoundsReachTheHosts() {
    assertThat(refusal("{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA")).isEmpty();
    assertThat(refusal("{SHA256-CRYPT}$5$rounds=20000$salt$c2VjcmV0")).isEmpty();
    assertThat(refusal("{PLAIN}hunter2"))
        .hasValue(
            "passwordHash: must be one of [SHA512-CRYPT, SHA256-CRYPT, BLF-CRYPT, ARGON2ID] in its"
                + " own form");
    // what doveadm pw -s BLF-CRYPT and -s ARGON2ID print: a migration keeps its users' passwords
    assertThat(refusal("{BLF-CRYPT}$2y$05$rd0NIy3N6In2GLhvByDKYu.Cp/8mR0vI0qQe3mT8IR2XlZAlGkwlG"))
        .isEmpty();
    assertThat(
            refusal(
                "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$/FWPIERUUgm4kRjkrX7T5Q"
                    + "$06HLoaA1YlMXS389cJ+70tYhrjz2jtX9XPweYTypiHw"))
        .isEmpty();
    assertThat(refusal("{BLF-CRYPT}$2y$14$rd0NIy3N6In2GLhvByDKYu.Cp/8mR0vI0qQe3mT8IR2XlZAlGkwlG"))
        .hasValue("passwordHash: BLF-CRYPT cost must be between 4 and 12");
    assertThat(
            refusal(
                "{ARGON2ID}$argon2id$v=19$m=1048576,t=3,p=1$/FWPIERUUgm4kRjkrX7T5Q"
                    + "$06HLoaA1YlMXS389cJ+70tYhrjz2jtX9XPweYTypiHw"))
        .hasValue("passwordHash: ARGON2ID memory must be between 8 and 65536 KiB");
    assertThat(refusal("{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"))
        .as("a salt and a hash too short to be real")
        .isPresent();
    assertThat(refusal("{SHA512-CRYPT}$5$salt$c2VjcmV0"))
        .as("scheme and crypt id disagree")
        .isPresent();
    assertThat(refusal("{SHA512-CRYPT}$6$rounds=999999999$salt$c2VjcmV0"))
        .hasValue("passwordHash: rounds must be between 1000 and 100000");
    assertThat(
            Provisioning.refusedUnread(
                events.passwordChanged(2, 1, "{SHA256-CRYPT}$5$s$h"),
                PasswordSchemes.parse("SHA512-CRYPT", 100_000)))
        .as("a scheme the operator did not configure")
        .isPresent();
  }

  private java.util.Optional<String> refusal(String hash) {
    return Provisioning.refusedUnread(events.passwordChanged(2, 1, hash), SCHEMES)
        .map(d -> ((Decision.Rejected) d).message());
  }

  @Test
  void aControlCharacterAnywhereIsRefusedNamingTheField() {
    var created = events.mailboxCreated(2, 1, "anna");
    created.getEnvelope().getActor().setId("key\u001b[2J");

    assertThat(Provisioning.refusedUnread(created, SCHEMES))
        .hasValueSatisfying(
            d -> {
              Decision.Rejected rejected = (Decision.Rejected) d;
              assertThat(rejected.code()).isEqualTo(RejectionCode.VALIDATION_ERROR);
              assertThat(rejected.message())
                  .isEqualTo("envelope.actor.id: contains a control character");
            });
  }

  @Test
  void aControlCharacterInAnyTextFieldOfAnyEventTypeIsRefusedNamingThatField() {
    int checked = 0;
    for (EventType type : EventType.values()) {
      assertThat(Provisioning.refusedUnread(events.every(type), SCHEMES)).as(type.name()).isEmpty();
      for (String field : textFields(events.every(type).getSchema(), "")) {
        SpecificRecord poisoned = events.every(type);
        set(poisoned, field, "bad\u0000");
        assertThat(Provisioning.refusedUnread(poisoned, SCHEMES))
            .as(type + " " + field)
            .hasValueSatisfying(
                d ->
                    assertThat(((Decision.Rejected) d).message())
                        .isEqualTo(field + ": contains a control character"));
        checked++;
      }
    }
    // the envelope's three in each of the nine types (its event id is a UUID), plus the types' own
    // ten (public ids, names, local parts, hashes, display names): the walk skipped none
    assertThat(checked).isGreaterThanOrEqualTo(9 * 3 + 10);
  }

  @Test
  void anEventTimeOutsideTheYears1970To9999IsRefusedAndAuditedAtTheNearestBound() {
    for (Instant at :
        List.of(
            Instant.ofEpochMilli(Long.MAX_VALUE),
            Instant.ofEpochMilli(Long.MIN_VALUE),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"))) {
      var created = events.domainCreated(1, "example.com");
      created.getEnvelope().setOccurredAt(at);
      assertThat(Provisioning.refusedUnread(created, SCHEMES))
          .as(at.toString())
          .hasValue(
              Decision.rejected(
                  RejectionCode.VALIDATION_ERROR,
                  "envelope.occurredAt: must be between 1970-01-01T00:00:00Z and"
                      + " 9999-12-31T23:59:59.999Z"));
    }
    assertThat(EventBounds.storable(Instant.ofEpochMilli(Long.MAX_VALUE)))
        .isEqualTo(EventBounds.LATEST);
    assertThat(EventBounds.storable(Instant.ofEpochMilli(Long.MIN_VALUE)))
        .isEqualTo(EventBounds.EARLIEST);
    Instant fine = Instant.parse("2026-03-28T12:00:00Z");
    assertThat(EventBounds.storable(fine)).isEqualTo(fine);
  }

  @Test
  void aRequestIdOrClientRequestIdBeyondTheirRuleIsRefused() {
    var longRequest = events.domainCreated(1, "example.com");
    longRequest.getEnvelope().setRequestId("r".repeat(129));
    var emptyClient = events.domainCreated(1, "example.com");
    emptyClient.getEnvelope().setClientRequestId("");
    var nonAsciiClient = events.domainCreated(1, "example.com");
    nonAsciiClient.getEnvelope().setClientRequestId("caf\u00e9");
    var fine = events.domainCreated(1, "example.com");
    fine.getEnvelope().setClientRequestId("x".repeat(128));

    assertThat(message(longRequest))
        .hasValue("envelope.requestId: must be 1 to 128 printable ASCII characters");
    assertThat(message(emptyClient))
        .hasValue("envelope.clientRequestId: must be 1 to 128 printable ASCII characters");
    assertThat(message(nonAsciiClient)).isPresent();
    assertThat(message(fine)).isEmpty();
  }

  private static java.util.Optional<String> message(SpecificRecord event) {
    return Provisioning.refusedUnread(event, SCHEMES).map(d -> ((Decision.Rejected) d).message());
  }

  /** Dotted paths of every string field, nested records and nullable strings included. */
  private static List<String> textFields(Schema schema, String prefix) {
    List<String> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Schema type = field.schema();
      if (type.isNullable() && type.isUnion()) {
        type =
            type.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
      }
      boolean uuid = type.getLogicalType() != null;
      if (type.getType() == Schema.Type.STRING && !uuid) {
        fields.add(prefix + field.name());
      } else if (type.getType() == Schema.Type.RECORD) {
        fields.addAll(textFields(type, prefix + field.name() + "."));
      }
    }
    return fields;
  }

  private static void set(SpecificRecord record, String path, String value) {
    int dot = path.indexOf('.');
    Schema.Field field = record.getSchema().getField(dot < 0 ? path : path.substring(0, dot));
    if (dot < 0) {
      record.put(field.pos(), value);
    } else {
      set((SpecificRecord) record.get(field.pos()), path.substring(dot + 1), value);
    }
  }
}
