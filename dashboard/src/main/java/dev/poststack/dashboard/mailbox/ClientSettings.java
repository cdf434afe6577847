package dev.poststack.dashboard.mailbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** What the mailbox's user types into a mail client ({@code GET /client-settings}). */
record ClientSettings(
    String imapHost,
    int imapPort,
    String pop3Host,
    int pop3Port,
    String smtpHost,
    int smtpPort,
    String security,
    String username,
    String appleProfileUrl) {

  static ClientSettings of(JsonNode answer, String address) {
    JsonNode s = answer.path("clientSettings");
    String apple = s.path("appleProfileUrl").asString("");
    return new ClientSettings(
        s.path("imap").path("host").asString(""),
        s.path("imap").path("port").asInt(993),
        s.path("pop3").path("host").asString(""),
        s.path("pop3").path("port").asInt(995),
        s.path("smtp").path("host").asString(""),
        s.path("smtp").path("port").asInt(465),
        s.path("imap").path("security").asString("SSL/TLS"),
        address,
        apple.replace("{email}", URLEncoder.encode(address, StandardCharsets.UTF_8)));
  }
}
