package dev.poststack.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need Dovecot, Postfix (and root to run them): they skip where the daemons cannot
 * run, so a developer without them still gets a green build — but never under {@code CI=true},
 * where a skip would hide a missing install and let CI pass without the mail-host tests. There they
 * fail with the reason.
 */
public final class MailDaemonsRequired {
  private MailDaemonsRequired() {}

  /**
   * Skips the test with the reason, or fails it under CI; does nothing when {@code unavailable} is
   * empty.
   */
  public static void assumeAvailable(Optional<String> unavailable) {
    unavailable.ifPresent(
        why -> {
          failUnderCi(why);
          Assumptions.abort("no mail host here: " + why);
        });
  }

  /** Throws under {@code CI=true}: a test that needs the daemons must not be skipped there. */
  public static void failUnderCi(String why) {
    if (underCi()) {
      throw new IllegalStateException(
          "CI=true, but the mail-host tests cannot run: "
              + why
              + " (.ci/run installs the daemons; a skip here would hide that)");
    }
  }

  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
