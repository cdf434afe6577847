package dev.poststack.api.domain;

import dev.poststack.api.http.Timestamps;
import java.util.List;

/**
 * A domain as the SDK reads it; {@code dnsRecords} is what the {@link DnsRecordMaker}s list, each
 * record's {@code verified} saying whether the last DNS check found it.
 */
public record DomainView(
    long id,
    String publicId,
    String name,
    String status,
    List<DnsRecord> dnsRecords,
    boolean inboundEnabled,
    boolean catchAll,
    String verifiedAt,
    String createdAt) {

  public static DomainView of(DomainRow row, List<DnsRecord> records) {
    return new DomainView(
        row.id(),
        row.publicId(),
        row.name(),
        row.status(),
        records,
        row.inboundEnabled(),
        false,
        Timestamps.format(row.verifiedAt()),
        Timestamps.format(row.createdAt()));
  }
}
