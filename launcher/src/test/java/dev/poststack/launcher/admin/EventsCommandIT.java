package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.controlplane.ApiSchema;
import dev.poststack.launcher.PostStackCli;
import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code poststack admin events} against a real database holding both schemas, through module admin
 * as the launcher finds it. The audit rows are written here as the provisioner writes them.
 */
class EventsCommandIT {
  private static TestDatabase db;
  private static long keyId;
  private static long mailboxId;
  @TempDir Path dataDir;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.create();
    ApiSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    long team = insert("insert into team (name) values ('Acme') returning id");
    keyId =
        insert(
            "insert into api_key (team_id, name, key_hash, key_prefix, permission) values (?,"
                + " 'ops key', 'not-a-real-hash', 'sk_live_ab', 'full_access') returning id",
            team);
    long domain =
        insert(
            "insert into domain (id, public_id, team_id, name, status, inbound_enabled,"
                + " created_at, updated_at) values (nextval('domain_id_seq'), 'dom_events', ?,"
                + " 'example.test', 'verified', true, now(), now()) returning id",
            team);
    mailboxId = mailbox(team, domain, "support", "deleted");
    long other = mailbox(team, domain, "sales", "active");
    String key = Long.toString(keyId);
    audit(
        "MailboxCreated",
        team,
        domain,
        mailboxId,
        "api_key",
        key,
        "req_1",
        "applied",
        null,
        "2026-03-28T10:00:00Z",
        "{}",
        null);
    audit(
        "MailboxUpdated",
        team,
        domain,
        mailboxId,
        "api_key",
        key,
        "req_2",
        "applied",
        null,
        "2026-03-28T11:00:00Z",
        "{\"displayName\":{\"from\":\"A\",\"to\":\"B\"}}",
        null);
    audit(
        "PasswordChanged",
        team,
        domain,
        mailboxId,
        "api_key",
        key,
        "req_3",
        "applied",
        null,
        "2026-03-28T12:00:00Z",
        "{\"password\":\"changed\"}",
        null);
    audit(
        "MailboxCreated",
        team,
        domain,
        null,
        "api_key",
        key,
        "req_4",
        "rejected",
        "address_taken",
        "2026-03-28T12:30:00Z",
        "{}",
        "support");
    audit(
        "MailboxDeleted",
        team,
        domain,
        mailboxId,
        "operator",
        "alice",
        "req_5",
        "applied",
        null,
        "2026-03-28T13:00:00Z",
        "{\"status\":{\"from\":\"active\",\"to\":\"deleted\"}}",
        null);
    audit(
        "MailboxCreated",
        team,
        domain,
        other,
        "api_key",
        key,
        "req_other",
        "applied",
        null,
        "2026-03-28T14:00:00Z",
        "{}",
        null);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            args,
            Map.of("POSTSTACK_DATA_DIR", dataDir.toString(), "POSTSTACK_PG_DATABASE", db.name()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsAnAddressesHistoryNewestFirstAsATableWithTheKeysNameAndTheChanges() {
    Run run = run("admin", "events", "--address", "Support@Example.test");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("TIME")
        .contains("EVENT", "ACTOR", "REQUEST", "SOURCE IP", "OUTCOME", "CHANGES");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1))
        .contains("2026-03-28T13:00:00.000Z", "MailboxDeleted", "operator alice", "req_5")
        .contains("status: active → deleted");
    assertThat(lines.get(2)).contains("MailboxCreated", "rejected (address_taken)", "req_4");
    assertThat(lines.get(3))
        .contains("PasswordChanged", "api_key ops key (#" + keyId + ")", "password: changed");
    assertThat(lines.get(4)).contains("203.0.113.9", "displayName: A → B");
    assertThat(lines.get(5)).contains("req_1");
    assertThat(run.out()).doesNotContain("req_other").doesNotContain("not-a-real-hash");
  }

  @Test
  void printsJsonForScriptsAndHonoursTheLimitForADomain() {
    Run run = run("admin", "events", "--domain", "example.test", "--limit", "2", "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode events = JsonMapper.builder().build().readTree(run.out());
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("requestId").asString()).isEqualTo("req_other");
    JsonNode deleted = events.get(1);
    assertThat(deleted.get("type").asString()).isEqualTo("MailboxDeleted");
    assertThat(deleted.get("mailboxId").asLong()).isEqualTo(mailboxId);
    assertThat(deleted.get("actor").get("kind").asString()).isEqualTo("operator");
    assertThat(deleted.get("changes").get("status").get("to").asString()).isEqualTo("deleted");
    assertThat(deleted.get("occurredAt").asString()).isEqualTo("2026-03-28T13:00:00.000Z");
  }

  @Test
  void anUnknownAddressIsAOneLineErrorAndANonZeroExit() {
    Run run = run("admin", "events", "--address", "nobody@example.test");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err().strip()).doesNotContain("\n").contains("nobody@example.test");
    assertThat(run("admin", "events", "--address", "a@b.test", "--domain", "b.test").exit())
        .isNotZero();
  }

  private static long mailbox(long team, long domain, String localPart, String status)
      throws SQLException {
    return insert(
        "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
            + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at)"
            + " values (nextval('mailbox_id_seq'), ?, ?, ?, ?, ? || '@example.test',"
            + " '{SHA512-CRYPT}$6$x$y', 1073741824, ?, false, now(), now()) returning id",
        "mb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
        team,
        domain,
        localPart,
        localPart,
        status);
  }

  private static void audit(
      String type,
      long team,
      long domain,
      Long mailbox,
      String actorKind,
      String actorId,
      String requestId,
      String outcome,
      String code,
      String at,
      String changes,
      String refusedLocalPart)
      throws SQLException {
    insert(
        "insert into audit_event (event_id, event_type, team_id, occurred_at, actor_kind, actor_id,"
            + " request_id, domain_id, mailbox_id, outcome, rejection_code, rejection_message,"
            + " kafka_topic, kafka_partition, kafka_offset, details, source_ip, user_agent,"
            + " changes) values (?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " 'poststack.mailbox-events', 0, 0, ?::jsonb, '203.0.113.9', 'curl/8.5', ?::jsonb)"
            + " returning id",
        UUID.randomUUID(),
        type,
        team,
        at,
        actorKind,
        actorId,
        requestId,
        domain,
        mailbox,
        outcome,
        code,
        code == null ? null : "address taken",
        refusedLocalPart == null ? "{}" : "{\"localPart\":\"" + refusedLocalPart + "\"}",
        changes);
  }

  private static long insert(String sql, Object... args) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
