package dev.poststack.api.idempotency;

import static dev.poststack.api.idempotency.Replays.Verdict.ANOTHER_KEY;
import static dev.poststack.api.idempotency.Replays.Verdict.ANOTHER_REQUEST;
import static dev.poststack.api.idempotency.Replays.Verdict.IN_FLIGHT;
import static dev.poststack.api.idempotency.Replays.Verdict.OUT_OF_SCOPE;
import static dev.poststack.api.idempotency.Replays.Verdict.REPLAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.http.StoredResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplaysTest {
  private static final long KEY = 11;

  @Test
  void theSameRequestOfTheSameKeyIsReplayedOnceAnsweredAndWaitedForBefore() {
    assertThat(Replays.decide(retry(KEY, null, "fp"), stored(KEY, null, "fp", true)))
        .isEqualTo(REPLAY);
    assertThat(Replays.decide(retry(KEY, null, "fp"), stored(KEY, null, "fp", false)))
        .isEqualTo(IN_FLIGHT);
  }

  @Test
  void anotherKeyOfTheTeamNeverGetsTheAnswerWhateverItSends() {
    assertThat(Replays.decide(retry(12, null, "fp"), stored(KEY, null, "fp", true)))
        .isEqualTo(ANOTHER_KEY);
    assertThat(Replays.decide(retry(12, null, "fp"), stored(KEY, null, "fp", false)))
        .isEqualTo(ANOTHER_KEY);
  }

  @Test
  void anotherRequestIsRefusedAtOnceEvenWhileTheFirstRuns() {
    assertThat(Replays.decide(retry(KEY, null, "other"), stored(KEY, null, "fp", true)))
        .isEqualTo(ANOTHER_REQUEST);
    assertThat(Replays.decide(retry(KEY, null, "other"), stored(KEY, null, "fp", false)))
        .isEqualTo(ANOTHER_REQUEST);
  }

  @Test
  void aKeyWhoseScopeNoLongerCoversWhatItHadIsRefused() {
    assertThat(Replays.decide(retry(KEY, 5L, "fp"), stored(KEY, 4L, "fp", true)))
        .isEqualTo(OUT_OF_SCOPE);
    assertThat(Replays.decide(retry(KEY, 5L, "fp"), stored(KEY, null, "fp", true)))
        .isEqualTo(OUT_OF_SCOPE);
    assertThat(Replays.decide(retry(KEY, 5L, "fp"), stored(KEY, 5L, "fp", true))).isEqualTo(REPLAY);
    assertThat(Replays.decide(retry(KEY, null, "fp"), stored(KEY, 5L, "fp", true)))
        .as("a key widened to the whole team still reaches its domain")
        .isEqualTo(REPLAY);
  }

  private static Claim retry(long apiKey, Long scope, String fingerprint) {
    return new Claim(1, "hash", apiKey, scope, fingerprint, "token");
  }

  private static IdempotencyRecord stored(
      long apiKey, Long scope, String fingerprint, boolean completed) {
    return new IdempotencyRecord(
        apiKey,
        scope,
        fingerprint,
        completed,
        completed ? new StoredResponse(201, "application/json", new byte[0]) : null,
        null,
        Instant.EPOCH,
        Instant.EPOCH);
  }
}
