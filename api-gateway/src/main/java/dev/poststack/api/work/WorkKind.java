package dev.poststack.api.work;

import dev.poststack.api.problem.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The kinds of slow or CPU-heavy work that each get a pool of their own, and the problems their
 * callers get: {@code <kind>_busy} (503, Retry-After) when the team's share or the pool is full or
 * the task waited its whole time-out in line; {@code <kind>_timeout} (504) when it started but did
 * not finish in time.
 */
public enum WorkKind {
  DNS(
      "dns",
      "DNS lookups",
      "the DNS lookup did not finish in time; the domain's name servers"
          + " may be slow or unreachable; retry later"),
  HASH("hashing", "password hashes", "hashing the password did not finish in time; retry"),
  PUBLISH(
      "publish",
      "event publishes",
      "the event log did not acknowledge the change in time;"
          + " it may or may not be applied; retry");

  /** Retry-After of a busy answer: a share frees as soon as one of the team's own tasks ends. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final String code;
  private final String what;
  private final String timeoutMessage;

  WorkKind(String code, String what, String timeoutMessage) {
    this.code = code;
    this.what = what;
    this.timeoutMessage = timeoutMessage;
  }

  /** The name used in settings ({@code poststack.work.<name>.*}) and thread names. */
  public String code() {
    return code;
  }

  ApiException busy(FairShare.Refusal why) {
    String message =
        switch (why) {
          case TEAM_AT_CAP -> "this team already has as many " + what + " in progress as it may";
          case KIND_FULL -> "the server has as many " + what + " in progress as it can take";
        };
    return ApiException.unavailable(
        code + "_busy",
        message + "; retry after " + RETRY_AFTER_SECONDS + " s",
        RETRY_AFTER_SECONDS);
  }

  ApiException waitedTooLong() {
    return ApiException.unavailable(
        code + "_busy",
        "too many " + what + " were waiting; retry after " + RETRY_AFTER_SECONDS + " s",
        RETRY_AFTER_SECONDS);
  }

  /** The 504 a caller gets when this kind's work started but did not end within its time-out. */
  public ApiException timedOut() {
    return new ApiException(HttpStatus.GATEWAY_TIMEOUT, code + "_timeout", timeoutMessage);
  }
}
