package dev.poststack.api.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A record the domain's owner publishes; {@code priority} only for MX and SRV. */
public record DnsRecord(
    String type,
    String name,
    String value,
    String purpose,
    boolean verified,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer priority) {}
