package dev.poststack.api.domain;

import dev.poststack.api.platform.ApiProperties;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What lets mail clients find the servers, all advice, never checked ({@code verified} false): the
 * RFC 6186 SRV records (with the ports clients use, RFC 8314 implicit TLS), the {@code autoconfig}
 * and {@code autodiscover} names Thunderbird and Outlook probe, as CNAMEs to the platform's public
 * name where autodiscovery is served, and Outlook's {@code _autodiscover._tcp} SRV record.
 */
@Component
@Order(100)
public class ClientDiscoveryRecords implements DnsRecordMaker {
  private final String host;
  private final String platform;
  private final ApiProperties.Client ports;

  public ClientDiscoveryRecords(ApiProperties properties) {
    this.host = properties.mailHostname();
    this.platform = properties.platformHostname();
    this.ports = properties.client();
  }

  @Override
  public List<DnsRecord> records(DomainRow d) {
    return List.of(
        new DnsRecord(
            "SRV", "_imaps._tcp." + d.name(), srv(ports.imapsPort(), host), "imap", false, 0),
        new DnsRecord(
            "SRV", "_pop3s._tcp." + d.name(), srv(ports.pop3sPort(), host), "pop3", false, 0),
        new DnsRecord(
            "SRV",
            "_submissions._tcp." + d.name(),
            srv(ports.submissionsPort(), host),
            "submission",
            false,
            0),
        new DnsRecord("CNAME", "autoconfig." + d.name(), platform, "autoconfig", false, 0),
        new DnsRecord("CNAME", "autodiscover." + d.name(), platform, "autodiscover", false, 0),
        new DnsRecord(
            "SRV", "_autodiscover._tcp." + d.name(), srv(443, platform), "autodiscover", false, 0));
  }

  private static String srv(int port, String target) {
    return "0 1 " + port + " " + target;
  }
}
