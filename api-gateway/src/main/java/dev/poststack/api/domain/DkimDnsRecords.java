package dev.poststack.api.domain;

import dev.poststack.api.dkim.PublishedKey;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The domain's DKIM keys as TXT records: the signing key ({@code dkim}) and a rotation's staged or
 * retiring key ({@code dkim_rotation}). Advice, like the SDK's: no DKIM record gates verification,
 * and {@code verified} stays false (a rotation checks its own staged record when it is activated).
 */
@Component
@Order(20)
public class DkimDnsRecords implements DnsRecordMaker {
  @Override
  public List<DnsRecord> records(DomainRow d) {
    return d.dkimKeys().stream()
        .map(
            (PublishedKey k) ->
                new DnsRecord(
                    "TXT", k.recordName(d.name()), k.recordValue(), k.purpose(), false, null))
        .toList();
  }
}
