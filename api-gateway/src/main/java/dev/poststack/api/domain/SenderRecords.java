package dev.poststack.api.domain;

import dev.poststack.api.platform.ApiProperties;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SPF ({@code <domain>} TXT) and DMARC ({@code _dmarc.<domain>} TXT) for mail the platform sends as
 * the domain: advice, verification does not require them, but {@code verified} says whether the
 * last check saw exactly these values. Built from the settings once, refused at start when a
 * setting would publish something malformed.
 */
@Component
@Order(10)
public class SenderRecords implements DnsRecordMaker {
  public static final String SPF = "spf";
  public static final String DMARC = "dmarc";
  private static final Pattern MECHANISM =
      Pattern.compile(
          "mx|a|(include|a|mx):[a-z0-9_]([a-z0-9_.-]{0,252})|ip4:[0-9.]{7,15}(/[0-9]{1,2})?"
              + "|ip6:[0-9a-f:]{2,39}(/[0-9]{1,3})?");
  private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");

  private final String spf;
  private final String dmarc;

  @Autowired
  public SenderRecords(ApiProperties properties) {
    this(properties.domainDns().spfMechanisms(), properties.domainDns().dmarcPolicy());
  }

  SenderRecords(List<String> spfMechanisms, String dmarcPolicy) {
    List<String> mechanisms =
        spfMechanisms.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList();
    for (String m : mechanisms) {
      if (!MECHANISM.matcher(m).matches()) {
        throw new IllegalArgumentException(
            "poststack.domain-dns.spf-mechanisms: not an SPF mechanism this platform publishes: "
                + m);
      }
    }
    if (!POLICIES.contains(dmarcPolicy)) {
      throw new IllegalArgumentException(
          "poststack.domain-dns.dmarc-policy must be none, quarantine or reject: " + dmarcPolicy);
    }
    this.spf = "v=spf1 " + (mechanisms.isEmpty() ? "mx" : String.join(" ", mechanisms)) + " -all";
    this.dmarc = "v=DMARC1; p=" + dmarcPolicy + "; adkim=s; aspf=s";
  }

  @Override
  public List<DnsRecord> records(DomainRow d) {
    return List.of(
        new DnsRecord("TXT", d.name(), spf, SPF, d.found(SPF), null),
        new DnsRecord("TXT", dmarcName(d.name()), dmarc, DMARC, d.found(DMARC), null));
  }

  static String dmarcName(String domain) {
    return "_dmarc." + domain;
  }

  String spf() {
    return spf;
  }

  String dmarc() {
    return dmarc;
  }
}
