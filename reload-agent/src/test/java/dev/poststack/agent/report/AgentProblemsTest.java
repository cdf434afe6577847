package dev.poststack.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.report.AgentProblems.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentProblemsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theLatestErrorStandsUntilItsSourceSucceeds() {
    AgentProblems problems = new AgentProblems();
    problems.failed(Source.DAEMON_EFFECTS, "postfix reload exited 1", T0);
    problems.failed(Source.APPLY, "database is locked", T0.plusSeconds(5));

    assertThat(problems.snapshot().lastError())
        .hasValue(new AppliedStatus.LastError("apply: database is locked", T0.plusSeconds(5)));

    problems.succeeded(Source.APPLY);
    assertThat(problems.snapshot().lastError())
        .hasValue(new AppliedStatus.LastError("daemon effects: postfix reload exited 1", T0));

    problems.succeeded(Source.DAEMON_EFFECTS);
    assertThat(problems.snapshot().lastError()).isEmpty();
  }

  @Test
  void anErrorIsOneBoundedLineWithoutHashesOrKeys() {
    AgentProblems problems = new AgentProblems();
    String hash = "{SHA512-CRYPT}$6$saltsalt$" + "x".repeat(86);
    problems.failed(
        Source.APPLY,
        "cannot write\nrow " + hash + " key " + "A".repeat(60) + " " + "y".repeat(500),
        T0);

    String message = problems.snapshot().lastError().orElseThrow().message();
    assertThat(message)
        .doesNotContain("\n", "$6$", "saltsalt", "AAAAAAAAAA")
        .startsWith("apply: cannot write row {…} key …");
    assertThat(message.length()).isLessThanOrEqualTo(AgentProblems.MAX_MESSAGE);
  }

  @Test
  void aRefusedKeyLeavesTheListOnceAValidRecordOfItIsApplied() {
    AgentProblems problems = new AgentProblems();
    problems.applied(
        List.of("mailbox:a@x.test", "mailbox:b@x.test"),
        List.of(new AppliedStatus.Refused("mailbox:a@x.test", "line does not decode")));
    assertThat(problems.snapshot().refused())
        .containsExactly(new AppliedStatus.Refused("mailbox:a@x.test", "line does not decode"));

    problems.applied(List.of("mailbox:b@x.test"), List.of());
    assertThat(problems.snapshot().refused()).hasSize(1);

    problems.applied(List.of("mailbox:a@x.test"), List.of());
    assertThat(problems.snapshot().refused()).isEmpty();
  }

  @Test
  void theRefusedListIsBoundedAndDropsTheOldestFirst() {
    AgentProblems problems = new AgentProblems();
    for (int i = 0; i < AgentProblems.MAX_REFUSED + 5; i++) {
      problems.applied(
          List.of("mailbox:u" + i + "@x.test"),
          List.of(new AppliedStatus.Refused("mailbox:u" + i + "@x.test", "bad")));
    }
    List<AppliedStatus.Refused> refused = problems.snapshot().refused();
    assertThat(refused).hasSize(AgentProblems.MAX_REFUSED);
    assertThat(refused.get(0).key()).isEqualTo("mailbox:u5@x.test");
  }
}
