package dev.poststack.provisioner.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.launcher.spi.EventReplayer.Until;
import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.EventLog;
import dev.poststack.provisioner.ProvisionerStack;
import dev.poststack.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replaying the whole log reproduces the live provisioner's state, table by table. */
class ReplayVerifyIT {
  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private final EventLog log = stack.log();
  private final Database live = stack.db();
  private final TestDatabase liveDb = stack.testDb();

  @Test
  void replayOfAMixedWorkloadOfTwoTeamsEqualsTheLiveStateUntilARowIsChangedByHand()
      throws Exception {
    int sent =
        new Workload(log, 21, 1000).publish(6, 60, 15, 2000 * 100 + 1)
            + new Workload(log, 22, 2000).publish(6, 60, 15, 1000 * 100 + 1);
    log.publishRaw("garbage", "not an event".getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> log.consumedToTheEnd("poststack-provisioner"));
    assertThat(sent).isGreaterThan(2500);
    assertThat(live.count("select count(*) from audit_event where outcome = 'rejected'"))
        .isPositive();

    try (TestDatabase scratch = TestDatabase.create();
        ReplayContext replay = ReplayContext.into(stack.brokers(), scratch, "replay-unused")) {
      List<EventReplayer.Progress> progress = new ArrayList<>();
      EventReplayer.Result result = replay.replayer().replay(Until.END, progress::add);

      assertThat(result.events()).isEqualTo(sent + 1);
      assertThat(result.undecodable()).isEqualTo(1);
      assertThat(result.applied() + result.rejected()).isEqualTo(sent);
      assertThat(result.rejected())
          .isEqualTo(
              live.count(
                  "select count(*) from audit_event a join processed_event p using (event_id)"
                      + " where a.outcome = 'rejected'"));
      assertThat(progress.get(progress.size() - 1).done()).isEqualTo(sent + 1);
      assertThat(progress.get(progress.size() - 1).total()).isEqualTo(sent + 1);
      assertThat(difference(replay)).isEmpty();

      long edited =
          live.count("select min(id) from mailbox where team_id = 22 and status = 'active'");
      live.execute("update mailbox set display_name = 'Edited by hand' where id = " + edited);
      assertThat(difference(replay))
          .contains("mailbox: row id=" + edited + " differs in display_name");
    }
  }

  private java.util.Optional<String> difference(ReplayContext replay) throws Exception {
    return replay.replayer().differenceFrom(liveDb.jdbcUrl(), liveDb.user(), liveDb.password());
  }
}
