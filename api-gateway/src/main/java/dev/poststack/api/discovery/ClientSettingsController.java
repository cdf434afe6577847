package dev.poststack.api.discovery;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.platform.ApiProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /client-settings}: what a mailbox's user types into a mail client, the same settings
 * autodiscovery hands out, for a team's own help pages and the dashboard. Needs any key of a team;
 * the same for every team.
 */
@RestController
class ClientSettingsController {
  private static final String SECURITY = "SSL/TLS";
  private final Map<String, Object> answer;

  ClientSettingsController(ApiProperties properties) {
    ApiProperties.Client client = properties.client();
    String host = properties.clientHostname();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("imap", server(host, client.imapsPort()));
    settings.put("pop3", server(host, client.pop3sPort()));
    settings.put("smtp", server(host, client.submissionsPort()));
    settings.put("username", "the full email address");
    settings.put(
        "appleProfileUrl", properties.platformUrl() + "/apple/mobileconfig?emailaddress={email}");
    this.answer = Map.of("clientSettings", settings);
  }

  private static Map<String, Object> server(String host, int port) {
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("host", host);
    server.put("port", port);
    server.put("security", SECURITY);
    return server;
  }

  @GetMapping("/client-settings")
  public Map<String, Object> settings(ServerWebExchange exchange) {
    Caller.of(exchange);
    return answer;
  }
}
