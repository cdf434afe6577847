package dev.poststack.api.domain;

import dev.poststack.api.platform.ApiProperties;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RFC 6186 SRV records that let mail clients find the servers: advice, never checked ({@code
 * verified} false).
 */
@Component
@Order(100)
public class ClientDiscoveryRecords implements DnsRecordMaker {
  private final String host;

  public ClientDiscoveryRecords(ApiProperties properties) {
    this.host = properties.mailHostname();
  }

  @Override
  public List<DnsRecord> records(DomainRow d) {
    return List.of(
        new DnsRecord("SRV", "_imaps._tcp." + d.name(), "0 1 993 " + host, "imap", false, 0),
        new DnsRecord("SRV", "_pop3s._tcp." + d.name(), "0 1 995 " + host, "pop3", false, 0),
        new DnsRecord(
            "SRV", "_submissions._tcp." + d.name(), "0 1 465 " + host, "submission", false, 0));
  }
}
