package dev.poststack.api.domain;

import dev.poststack.api.platform.ApiProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What verification requires: the MX at the platform's mail host and the claim's token as TXT
 * {@code _poststack-verification.<domain>} (purpose {@code verification}). A domain an operator
 * created has no token, so it lists none.
 */
@Component
@Order(0)
public class OwnershipRecords implements DnsRecordMaker {
  public static final String MX = "mx";
  public static final String VERIFICATION = "verification";
  static final String TOKEN_LABEL = "_poststack-verification.";
  static final String TOKEN_PREFIX = "poststack-verification=";

  private final String mailHostname;

  public OwnershipRecords(ApiProperties properties) {
    this.mailHostname = properties.mailHostname();
  }

  @Override
  public List<DnsRecord> records(DomainRow d) {
    List<DnsRecord> out = new ArrayList<>();
    // before any DNS check (operator-verified, or from before checks) the status says it
    boolean mxFound = d.found() == null ? d.verified() : d.found(MX);
    out.add(new DnsRecord("MX", d.name(), mailHostname, MX, mxFound, 10));
    if (d.verificationToken() != null) {
      out.add(
          new DnsRecord(
              "TXT",
              tokenName(d.name()),
              tokenValue(d.verificationToken()),
              VERIFICATION,
              d.found(VERIFICATION),
              null));
    }
    return out;
  }

  static String tokenName(String domain) {
    return TOKEN_LABEL + domain;
  }

  static String tokenValue(String token) {
    return TOKEN_PREFIX + token;
  }

  String mailHostname() {
    return mailHostname;
  }
}
