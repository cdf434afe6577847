package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.host.MailboxActivity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivityPlanTest {
  private static final Instant NOW = Instant.parse("2026-12-02T13:00:00Z");

  @Test
  void oneRecordPerAddressWithItsLatestLoginAcrossServicesAndItsUsage() {
    List<ActivityRow> rows =
        List.of(
            new ActivityRow.Login("last_login", "a@x.test", "imap", 100),
            new ActivityRow.Login("last_login", "a@x.test", "pop3", 300),
            new ActivityRow.Login("auth_login", "a@x.test", "smtp", 200),
            new ActivityRow.Usage("a@x.test", 4096, 3),
            new ActivityRow.Usage("B@x.test", 10, 1));
    ActivityPlan plan =
        ActivityPlan.of("mx1", rows, a -> Optional.ofNullable(Map.of("a@x.test", 7L).get(a)), NOW);
    assertThat(plan.records())
        .extracting(MailboxActivity::getAddress)
        .containsExactly("a@x.test", "b@x.test");
    MailboxActivity a = plan.records().get(0);
    assertThat(a.getLastLoginAt()).isEqualTo(Instant.ofEpochSecond(300));
    assertThat(a.getLastLoginService()).isEqualTo("pop3");
    assertThat(a.getUsedBytes()).isEqualTo(4096);
    assertThat(a.getMessageCount()).isEqualTo(3);
    assertThat(a.getUsageObservedAt()).isEqualTo(NOW);
    assertThat(a.getMailboxId()).isEqualTo(7L);
    assertThat(a.getHostId()).isEqualTo("mx1");
    MailboxActivity b = plan.records().get(1);
    assertThat(b.getLastLoginAt()).isNull();
    assertThat(b.getMailboxId()).isNull();
  }

  @Test
  void deletesExactlyTheRowsItReadWithTheValuesItSent() {
    List<ActivityRow> rows =
        List.of(
            new ActivityRow.Login("auth_login", "a@x.test", "smtp", 200),
            new ActivityRow.Usage("a@x.test", 4096, 3));
    assertThat(ActivityPlan.of("mx1", rows, a -> Optional.empty(), NOW).deleteAfterAck())
        .containsExactlyElementsOf(rows);
  }

  @Test
  void usageTheAgentReadAfterDeliveriesWinsAndIsNeverDeleted() {
    List<ActivityRow> rows = List.of(new ActivityRow.Usage("a@x.test", 10, 1));
    ActivityPlan plan =
        ActivityPlan.of(
            "mx1",
            rows,
            List.of(new ActivityRow.Usage("a@x.test", 4096, 2)),
            a -> Optional.empty(),
            NOW);
    assertThat(plan.records().get(0).getUsedBytes()).isEqualTo(4096);
    assertThat(plan.records().get(0).getMessageCount()).isEqualTo(2);
    assertThat(plan.deleteAfterAck()).containsExactlyElementsOf(rows);
  }

  @Test
  void readsDoveadmsQuotaTableInKibibytes() {
    assertThat(
            DoveadmMessages.parseQuota(
                "a@x.test",
                List.of(
                    "Quota name\tType\tValue\tLimit\t%",
                    "User quota\tSTORAGE\t3\t1048576\t0", "User quota\tMESSAGE\t2\t-\t0")))
        .contains(new ActivityRow.Usage("a@x.test", 3072, 2));
    assertThat(DoveadmMessages.parseQuota("a@x.test", List.of("Quota name\tType"))).isEmpty();
  }

  @Test
  void readsEveryUsersQuotaFromDoveadmsTable() {
    assertThat(
            DoveadmMessages.parseAllQuota(
                List.of(
                    "Username\tQuota name\tType\tValue\tLimit\t%",
                    "a@x.test\tUser quota\tSTORAGE\t2\t1048576\t0",
                    "a@x.test\tUser quota\tMESSAGE\t1\t-\t0",
                    "b@x.test\tUser quota\tSTORAGE\t0\t1048576\t0",
                    "b@x.test\tUser quota\tMESSAGE\t0\t-\t0")))
        .containsExactly(
            new ActivityRow.Usage("a@x.test", 2048, 1), new ActivityRow.Usage("b@x.test", 0, 0));
  }

  @Test
  void nothingReadNothingToSend() {
    ActivityPlan plan = ActivityPlan.of("mx1", List.of(), a -> Optional.empty(), NOW);
    assertThat(plan.records()).isEmpty();
    assertThat(plan.deleteAfterAck()).isEmpty();
  }
}
