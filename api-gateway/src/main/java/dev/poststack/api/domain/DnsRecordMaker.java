package dev.poststack.api.domain;

import java.util.List;

/**
 * One family of records a domain's owner is asked to publish ({@code dnsRecords}). Every maker bean
 * is asked, in {@link org.springframework.core.annotation.Order order}: a new family (DKIM …) is a
 * new bean, not an edit of {@link DomainView}.
 */
public interface DnsRecordMaker {
  List<DnsRecord> records(DomainRow domain);
}
