package dev.poststack.dashboard.api;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One answer of the public API: its status and JSON body. A problem answer (RFC 9457 with the SDK's
 * {@code code} and {@code errors}) is read into what a page shows: the message, and each field's
 * message beside its field.
 */
public record ApiAnswer(int status, JsonNode body) {
  public ApiAnswer {
    body = body == null ? MissingNode.getInstance() : body;
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public boolean unauthorized() {
    return status == 401;
  }

  public boolean notFound() {
    return status == 404;
  }

  /** The problem's code ({@code validation_error}, {@code invalid_credentials}, …), or "". */
  public String code() {
    return text(body.path("code"));
  }

  /** What a person should read: the problem's detail, else its title, else the status. */
  public String message() {
    String detail = text(body.path("detail"));
    if (!detail.isEmpty()) {
      return detail;
    }
    String title = text(body.path("title"));
    return title.isEmpty() ? "The API answered " + status + "." : title;
  }

  /** Each field's first message, from the problem's {@code errors} array, in its order. */
  public Map<String, String> fieldErrors() {
    Map<String, String> errors = new LinkedHashMap<>();
    for (JsonNode e : body.path("errors")) {
      String field = text(e.path("field"));
      if (!field.isEmpty()) {
        errors.putIfAbsent(field, text(e.path("message")));
      }
    }
    return errors;
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? "" : n.asString();
  }
}
