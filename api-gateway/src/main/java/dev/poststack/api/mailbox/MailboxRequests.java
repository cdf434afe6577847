package dev.poststack.api.mailbox;

import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.LocalParts;
import dev.poststack.api.problem.ApiException;
import dev.poststack.values.address.LocalPart;
import dev.poststack.values.mailbox.DisplayName;
import dev.poststack.values.mailbox.PasswordPolicy;
import dev.poststack.values.mailbox.QuotaBytes;
import java.util.Optional;
import java.util.Set;

/** The mailbox request bodies, validated with the rules shared with the config renderer. */
final class MailboxRequests {
  private MailboxRequests() {}

  record Create(
      IdRef domain,
      LocalPart localPart,
      String password,
      DisplayName displayName,
      QuotaBytes quota,
      boolean webhookEnabled) {
    @Override
    public String toString() {
      return "Create[" + domain + ", " + localPart + ", password=***]";
    }
  }

  /** A PATCH: absent members stay as they are; {@code displayName} may be set to null. */
  record Update(
      Optional<DisplayName> displayName,
      boolean displayNameGiven,
      Long quota,
      String status,
      Boolean webhookEnabled) {}

  static Create create(JsonBody body) {
    body.allowOnly(
        Set.of("domainId", "localPart", "password", "displayName", "quotaBytes", "webhookEnabled"));
    IdRef domain = body.ref("domainId", "dom_", true);
    LocalPart localPart = LocalParts.read(body, "localPart");
    String password = password(body);
    DisplayName displayName =
        body.value("displayName", body.string("displayName", false), DisplayName::new);
    Long quota = body.integer("quotaBytes", false);
    QuotaBytes quotaBytes =
        quota == null ? QuotaBytes.DEFAULT : body.check("quotaBytes", () -> new QuotaBytes(quota));
    Boolean webhook = body.bool("webhookEnabled", false);
    body.validate();
    return new Create(
        domain, localPart, password, displayName, quotaBytes, Boolean.TRUE.equals(webhook));
  }

  static Update update(JsonBody body) {
    if (body.isEmpty()) {
      throw ApiException.validation("body", "must change at least one field");
    }
    body.allowOnly(Set.of("displayName", "quotaBytes", "status", "webhookEnabled"));
    boolean nameGiven = body.has("displayName");
    DisplayName name =
        body.value("displayName", body.string("displayName", false), DisplayName::new);
    Long quota = body.integer("quotaBytes", false);
    if (quota != null) {
      body.check("quotaBytes", () -> new QuotaBytes(quota));
    }
    String status = body.string("status", false);
    if (status != null && !status.equals("active") && !status.equals("suspended")) {
      body.fail("status", "must be active or suspended (DELETE removes a mailbox)");
    }
    Boolean webhook = body.bool("webhookEnabled", false);
    body.validate();
    return new Update(Optional.ofNullable(name), nameGiven, quota, status, webhook);
  }

  static String changePassword(JsonBody body) {
    body.allowOnly(Set.of("password"));
    String password = password(body);
    body.validate();
    return password;
  }

  private static String password(JsonBody body) {
    String password = body.string("password", true);
    return password == null
        ? null
        : body.check(
            "password",
            () -> {
              PasswordPolicy.check(password);
              return password;
            });
  }
}
