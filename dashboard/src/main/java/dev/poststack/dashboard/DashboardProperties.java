package dev.poststack.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code POSTSTACK_DASHBOARD_*}.
 *
 * @param secureCookies whether the session cookie is {@code Secure} (sent over HTTPS only): on in
 *     production, where a TLS proxy fronts the API; {@code bin/poststack dev} turns it off for its
 *     plain-HTTP loopback URL
 * @param apiUrl the API's base URL as the pages call it; unset, the API of this same process over
 *     loopback
 * @param apiTimeout how long a page waits for one API answer
 * @param perPage mailboxes per page of the list
 */
@ConfigurationProperties("poststack.dashboard")
public record DashboardProperties(
    @DefaultValue("true") boolean secureCookies,
    String apiUrl,
    @DefaultValue("15s") Duration apiTimeout,
    @DefaultValue("50") int perPage) {}
