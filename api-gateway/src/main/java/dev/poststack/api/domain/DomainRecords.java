package dev.poststack.api.domain;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every record maker's records for a domain, in the makers' order. */
@Component
public class DomainRecords {
  private final List<DnsRecordMaker> makers;

  public DomainRecords(List<DnsRecordMaker> makers) {
    this.makers = List.copyOf(makers);
  }

  public List<DnsRecord> of(DomainRow domain) {
    List<DnsRecord> out = new ArrayList<>();
    makers.forEach(m -> out.addAll(m.records(domain)));
    return out;
  }

  /**
   * The records verification requires that the last check did not find (purposes mx, verification).
   */
  public List<DnsRecord> missingRequired(DomainRow domain) {
    return of(domain).stream()
        .filter(r -> DnsCheck.REQUIRED.contains(r.purpose()) && !r.verified())
        .toList();
  }
}
