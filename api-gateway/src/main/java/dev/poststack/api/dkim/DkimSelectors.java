package dev.poststack.api.dkim;

import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimSelector;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Selector names: {@code ps<yyyymmdd>} for RSA and {@code ed<yyyymmdd>} for Ed25519, the UTC day
 * the key was made, with {@code -2}, {@code -3} … when the domain already has that name (a second
 * rotation on one day). A reader of a DKIM-Signature header sees the key's age at a glance.
 */
public final class DkimSelectors {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private DkimSelectors() {}

  public static DkimSelector next(DkimAlgorithm algorithm, LocalDate day, Set<String> taken) {
    String base = (algorithm == DkimAlgorithm.RSA ? "ps" : "ed") + DAY.format(day);
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      name = base + "-" + n;
    }
    return new DkimSelector(name);
  }
}
