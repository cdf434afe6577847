package dev.poststack.dashboard.link;

import dev.poststack.dashboard.DashboardProperties;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * How the pages reach the API of their own process: its loopback URL (learnt when the server
 * starts) and a secret made at start-up that only this process knows. The pages send the browser's
 * address with the secret; {@link DashboardOriginFilter} believes the address only with it, so the
 * API throttles and audits the browser, not the loopback connection.
 */
@Component
public class DashboardLink implements ApplicationListener<WebServerInitializedEvent> {
  public static final String SECRET_HEADER = "X-Poststack-Dashboard";
  public static final String PEER_HEADER = "X-Poststack-Dashboard-Peer";

  private final String secret;
  private volatile String baseUrl;

  public DashboardLink(DashboardProperties properties) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String configured = properties.apiUrl();
    this.baseUrl =
        configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    // the management server, when it has a port of its own, is not the API
    if (baseUrl == null && event.getApplicationContext().getServerNamespace() == null) {
      baseUrl = "http://127.0.0.1:" + event.getWebServer().getPort();
    }
  }

  public String baseUrl() {
    if (baseUrl == null) {
      throw new IllegalStateException("the API's server has not started yet");
    }
    return baseUrl;
  }

  public String secret() {
    return secret;
  }

  boolean isSecret(String candidate) {
    return candidate != null && MessageDigest.isEqual(candidate.getBytes(), secret.getBytes());
  }
}
