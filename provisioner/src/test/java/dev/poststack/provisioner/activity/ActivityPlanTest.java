package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.activity.ActivityPlan.Outcome;
import dev.poststack.provisioner.activity.Observation.Usage;
import dev.poststack.values.address.EmailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given the rows, when a batch of observations, then the changed rows, notices and outcomes. */
class ActivityPlanTest {
  private static final Instant T = Instant.parse("2026-03-28T12:00:00Z");
  private static final long GIB = 1L << 30;

  private static ObservedMailbox live(long id, long team, String address) {
    return new ObservedMailbox(id, team, address, true, true, GIB, null, null, 0);
  }

  private static Observation login(String address, Long id, Instant at) {
    return new Observation(EmailAddress.parse(address), id, at, null);
  }

  private static Observation usage(String address, Long id, long bytes, Instant at) {
    return new Observation(EmailAddress.parse(address), id, null, new Usage(bytes, 3L, at));
  }

  @Test
  void keepsTheLatestLoginOfTheBatchAndOfTheRow() {
    ObservedMailbox anna = live(1, 7, "anna@a.example");
    ActivityPlan plan =
        ActivityPlan.of(
            List.of(
                login("anna@a.example", 1L, T.plusSeconds(5)),
                login("anna@a.example", 1L, T.plusSeconds(9)),
                login("anna@a.example", null, T.plusSeconds(2))),
            List.of(anna));
    assertThat(plan.changed())
        .singleElement()
        .extracting(ObservedMailbox::lastLoginAt)
        .isEqualTo(T.plusSeconds(9));
    assertThat(plan.outcomes()).containsEntry(Outcome.MATCHED, 3);

    ObservedMailbox later = anna.withObservations(T.plusSeconds(60), null, 0);
    assertThat(
            ActivityPlan.of(List.of(login("anna@a.example", 1L, T.plusSeconds(9))), List.of(later))
                .changed())
        .as("an older login moves nothing")
        .isEmpty();
  }

  @Test
  void theNewestUsageWinsWhateverTheOrderAndATieGoesToTheLargerCount() {
    ObservedMailbox anna = live(1, 7, "anna@a.example");
    List<Observation> batch =
        new ArrayList<>(
            List.of(
                usage("anna@a.example", 1L, 100, T),
                usage("anna@a.example", 1L, 300, T.plusSeconds(1)),
                usage("anna@a.example", 1L, 200, T.plusSeconds(1)),
                usage("anna@a.example", 1L, 900, T.minusSeconds(1))));
    for (int i = 0; i < 4; i++) {
      Collections.rotate(batch, 1);
      assertThat(ActivityPlan.of(batch, List.of(anna)).changed())
          .singleElement()
          .extracting(ObservedMailbox::usage)
          .isEqualTo(new Usage(300, 3L, T.plusSeconds(1)));
    }
  }

  @Test
  void applyingTheResultAgainChangesNothingAndAnnouncesNothing() {
    ObservedMailbox anna = live(1, 7, "anna@a.example");
    List<Observation> batch =
        List.of(login("anna@a.example", 1L, T), usage("anna@a.example", 1L, GIB, T.plusSeconds(1)));
    ActivityPlan first = ActivityPlan.of(batch, List.of(anna));
    assertThat(first.notices()).extracting(UsageNotice::threshold).containsExactly(80, 100);
    ActivityPlan again = ActivityPlan.of(batch, first.changed());
    assertThat(again.changed()).isEmpty();
    assertThat(again.notices()).isEmpty();
  }

  @Test
  void matchesByIdWhenTheAddressAgreesElseByTheLiveAddress() {
    ObservedMailbox old =
        new ObservedMailbox(1, 7, "anna@a.example", false, true, GIB, null, null, 0);
    ObservedMailbox successor = live(2, 7, "anna@a.example");
    ObservedMailbox bob = live(3, 7, "bob@a.example");
    ActivityPlan plan =
        ActivityPlan.of(
            List.of(
                login("anna@a.example", 1L, T), // the deleted mailbox's own session
                login("anna@a.example", 3L, T.plusSeconds(1)), // id of another address
                login("anna@a.example", 99L, T.plusSeconds(2)), // an id the database lacks
                login("carol@a.example", null, T)),
            List.of(old, successor, bob));
    assertThat(plan.changed())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.id()).isEqualTo(2);
              assertThat(row.lastLoginAt()).isEqualTo(T.plusSeconds(2));
            });
    assertThat(plan.outcomes())
        .containsEntry(Outcome.DELETED_MAILBOX, 1)
        .containsEntry(Outcome.MATCHED, 2)
        .containsEntry(Outcome.UNKNOWN_MAILBOX, 1);
  }

  @Test
  void twoLiveMailboxesOfOneAddressGoToTheOneOnTheVerifiedDomain() {
    ObservedMailbox served = live(1, 7, "anna@a.example");
    ObservedMailbox claim =
        new ObservedMailbox(2, 8, "anna@a.example", true, false, GIB, null, null, 0);
    ActivityPlan plan =
        ActivityPlan.of(List.of(login("anna@a.example", null, T)), List.of(claim, served));
    assertThat(plan.changed()).extracting(ObservedMailbox::id).containsExactly(1L);
  }

  @Test
  void aNoticeCarriesTheTeamMailboxUsageAndQuota() {
    ObservedMailbox anna =
        new ObservedMailbox(4, 9, "anna@a.example", true, true, 1000, null, null, 0);
    ActivityPlan plan =
        ActivityPlan.of(List.of(usage("anna@a.example", 4L, 850, T)), List.of(anna));
    assertThat(plan.notices()).containsExactly(new UsageNotice(9, 4, 80, 850, 1000));
    assertThat(plan.changed().get(0).quotaNoticeLevel()).isEqualTo(80);
  }

  @Test
  void aQuotaLoweredSinceTheLastReportIsJudgedAtTheNextOne() {
    // 700 of 1000 reported; then MailboxUpdated lowered the quota to 800: nothing was announced yet
    ObservedMailbox lowered =
        new ObservedMailbox(
            4, 9, "anna@a.example", true, true, 800, null, new Usage(700, 3L, T), 0);
    ActivityPlan plan =
        ActivityPlan.of(
            List.of(usage("anna@a.example", 4L, 700, T.plusSeconds(60))), List.of(lowered));
    assertThat(plan.notices()).containsExactly(new UsageNotice(9, 4, 80, 700, 800));
  }
}
