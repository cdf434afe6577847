package dev.poststack.api.dkim;

import java.util.Locale;

/**
 * The TXT record of a DKIM key ({@code <selector>._domainkey.<domain>} → {@code v=DKIM1; k=…;
 * p=…}), and whether a published TXT value carries a given key. An RSA value is about 410
 * characters: a zone file splits it into strings of at most 255, which a resolver joins again.
 */
public final class DkimRecords {
  public static final String PURPOSE = "dkim";
  public static final String ROTATION_PURPOSE = "dkim_rotation";

  private DkimRecords() {}

  public static String name(String selector, String domain) {
    return selector + "._domainkey." + domain;
  }

  public static String value(String algorithm, String publicKey) {
    return "v=DKIM1; k=" + algorithm + "; p=" + publicKey;
  }

  /** The active key signs ({@code dkim}); a staged or retiring one is a rotation's. */
  public static String purpose(String state) {
    return "active".equals(state) ? PURPOSE : ROTATION_PURPOSE;
  }

  /**
   * Whether the TXT value publishes this key: its {@code p=} tag (whitespace removed, as RFC 6376
   * allows folding) is the key, and its {@code k=} tag, if any, the algorithm (absent means rsa).
   */
  public static boolean publishes(String txt, String algorithm, String publicKey) {
    String p = null;
    String k = "rsa";
    for (String tag : txt.split(";")) {
      int eq = tag.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = tag.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = tag.substring(eq + 1).replaceAll("\\s", "");
      if (name.equals("p")) {
        p = value;
      } else if (name.equals("k")) {
        k = value.toLowerCase(Locale.ROOT);
      }
    }
    return publicKey.equals(p) && algorithm.equals(k);
  }
}
