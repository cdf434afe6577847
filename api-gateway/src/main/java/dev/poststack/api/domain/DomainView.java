package dev.poststack.api.domain;

import dev.poststack.api.dkim.PublishedKey;
import dev.poststack.api.http.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain as the SDK reads it. Only the MX record is checked by verification; the DKIM records and
 * the RFC 6186 SRV records (mail clients find the servers) are listed as advice ({@code verified}
 * false).
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

  public static DomainView of(DomainRow row, String mailHostname) {
    return new DomainView(
        row.id(),
        row.publicId(),
        row.name(),
        row.status(),
        records(row, mailHostname),
        row.inboundEnabled(),
        false,
        Timestamps.format(row.verifiedAt()),
        Timestamps.format(row.createdAt()));
  }

  static List<DnsRecord> records(DomainRow row, String host) {
    List<DnsRecord> records = new ArrayList<>();
    records.add(new DnsRecord("MX", row.name(), host, "mx", row.verified(), 10));
    records.addAll(srv(row, host));
    // DKIM: the signing key (dkim) and a rotation's staged or retiring key (dkim_rotation);
    // advisory, like the SDK's: no DKIM record gates verification
    for (PublishedKey k : row.dkimKeys()) {
      records.add(
          new DnsRecord(
              "TXT", k.recordName(row.name()), k.recordValue(), k.purpose(), false, null));
    }
    return List.copyOf(records);
  }

  private static List<DnsRecord> srv(DomainRow row, String host) {
    return List.of(
        new DnsRecord("SRV", "_imaps._tcp." + row.name(), "0 1 993 " + host, "imap", false, 0),
        new DnsRecord("SRV", "_pop3s._tcp." + row.name(), "0 1 995 " + host, "pop3", false, 0),
        new DnsRecord(
            "SRV", "_submissions._tcp." + row.name(), "0 1 465 " + host, "submission", false, 0));
  }
}
