package dev.poststack.dashboard.mailbox;

import dev.poststack.dashboard.api.ApiAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The create form as sent, and what to show beside each field. The API validates (the same rules
 * for the SDK and for us); this only catches what cannot be sent at all, such as a missing domain.
 * The password is never sent back to the browser.
 */
record CreateForm(
    String domainId,
    String localPart,
    String displayName,
    String password,
    Map<String, String> errors,
    String error) {

  static CreateForm empty() {
    return new CreateForm("", "", "", "", Map.of(), null);
  }

  static CreateForm of(MultiValueMap<String, String> form) {
    String domain = value(form, "domainId").strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (!domain.matches("[1-9][0-9]{0,17}")) {
      errors.put("domainId", "Choose a domain.");
    }
    return new CreateForm(
        domain,
        value(form, "localPart").strip(),
        value(form, "displayName").strip(),
        value(form, "password"),
        errors,
        null);
  }

  CreateForm withDomain(String domain) {
    return new CreateForm(domain, "", "", "", Map.of(), null);
  }

  /** The API's refusal: each field's message beside it, anything else above the form. */
  CreateForm withApiErrors(ApiAnswer answer) {
    Map<String, String> fields = answer.fieldErrors();
    String general = fields.isEmpty() ? answer.message() : null;
    return new CreateForm(domainId, localPart, displayName, "", fields, general);
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domainId", Long.parseLong(domainId));
    body.put("localPart", localPart);
    body.put("password", password);
    if (!displayName.isEmpty()) {
      body.put("displayName", displayName);
    }
    return body;
  }

  private static String value(MultiValueMap<String, String> form, String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v;
  }

  @Override
  public String toString() {
    return "CreateForm[" + localPart + "]";
  }
}
