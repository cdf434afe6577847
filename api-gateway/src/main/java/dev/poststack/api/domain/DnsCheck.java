package dev.poststack.api.domain;

import dev.poststack.api.dns.DnsResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Looks a domain's records up and says which of those it is asked to publish are there, as record
 * purposes. Blocking (run it on the DNS pool). The required lookups (MX, the token) not answered
 * throw {@link DnsResolver.LookupFailed}: no answer never counts as "missing". The advisory ones
 * (SPF, DMARC) not answered count as not seen.
 */
@Component
public class DnsCheck {
  /** What verification requires; SPF and DMARC are advice. */
  public static final Set<String> REQUIRED =
      Set.of(OwnershipRecords.MX, OwnershipRecords.VERIFICATION);

  private final DnsResolver dns;
  private final String mailHostname;
  private final SenderRecords sender;

  public DnsCheck(DnsResolver dns, OwnershipRecords ownership, SenderRecords sender) {
    this.dns = dns;
    this.mailHostname = ownership.mailHostname();
    this.sender = sender;
  }

  /**
   * @throws DnsResolver.LookupFailed when a required lookup got no answer
   */
  public List<String> found(DomainRow domain) {
    String name = domain.name();
    List<String> found = new ArrayList<>();
    if (dns.mx(name).stream().anyMatch(host -> host.equalsIgnoreCase(mailHostname))) {
      found.add(OwnershipRecords.MX);
    }
    if (domain.verificationToken() != null
        && Matching.anyEquals(
            dns.txt(OwnershipRecords.tokenName(name)),
            OwnershipRecords.tokenValue(domain.verificationToken()))) {
      found.add(OwnershipRecords.VERIFICATION);
    }
    if (Matching.anyEquals(advisory(name), sender.spf())) {
      found.add(SenderRecords.SPF);
    }
    if (Matching.anyEquals(advisory(SenderRecords.dmarcName(name)), sender.dmarc())) {
      found.add(SenderRecords.DMARC);
    }
    return found;
  }

  public static boolean allRequired(List<String> found) {
    return found.containsAll(REQUIRED);
  }

  private List<String> advisory(String name) {
    try {
      return dns.txt(name);
    } catch (DnsResolver.LookupFailed e) {
      return List.of();
    }
  }

  /** How a published TXT value is compared with the asked one. */
  static final class Matching {
    private Matching() {}

    /**
     * Equal once case is folded, runs of spaces made one and the spaces around {@code ;} dropped:
     * how DNS tools and people reformat such records without changing what they say.
     */
    static boolean anyEquals(List<String> published, String expected) {
      String want = normal(expected);
      return published.stream().anyMatch(p -> normal(p).equals(want));
    }

    static String normal(String value) {
      return value
          .trim()
          .toLowerCase(Locale.ROOT)
          .replaceAll("\\s+", " ")
          .replaceAll(" ?; ?", ";")
          .replaceAll(";$", "");
    }
  }
}
