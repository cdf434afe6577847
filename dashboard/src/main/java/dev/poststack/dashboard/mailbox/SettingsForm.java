package dev.poststack.dashboard.mailbox;

import dev.poststack.dashboard.api.ApiAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * A mailbox's display name and quota as the settings form shows them: the quota in whole MB (the
 * API counts bytes), each field's error beside it.
 */
record SettingsForm(
    String publicId, String displayName, String quotaMb, Map<String, String> errors, String error) {
  private static final long MB = 1024L * 1024L;

  static SettingsForm of(MailboxRow m) {
    return new SettingsForm(
        m.publicId(), m.displayName(), Long.toString(m.quotaBytes() / MB), Map.of(), null);
  }

  static SettingsForm of(String publicId, MultiValueMap<String, String> form) {
    String name = form.getFirst("displayName") == null ? "" : form.getFirst("displayName").strip();
    String quota = form.getFirst("quotaMb") == null ? "" : form.getFirst("quotaMb").strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (!quota.matches("[1-9][0-9]{0,9}")) {
      errors.put("quotaBytes", "Enter a whole number of MB, at least 1.");
    }
    return new SettingsForm(publicId, name, quota, errors, null);
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("displayName", displayName);
    body.put("quotaBytes", Long.parseLong(quotaMb) * MB);
    return body;
  }

  SettingsForm withApiErrors(ApiAnswer answer) {
    Map<String, String> fields = answer.fieldErrors();
    return new SettingsForm(
        publicId, displayName, quotaMb, fields, fields.isEmpty() ? answer.message() : null);
  }
}
