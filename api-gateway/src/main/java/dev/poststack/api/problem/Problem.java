package dev.poststack.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details plus the two members the official SDK reads, {@code error} (message) and
 * {@code code} (stable machine code), and the per-field {@code errors} of a validation failure.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String error,
    String code,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors) {

  public static Problem of(ApiException e) {
    return new Problem(
        "urn:poststack:problem:" + e.code(),
        e.status().getReasonPhrase(),
        e.status().value(),
        e.getMessage(),
        e.getMessage(),
        e.code(),
        e.errors());
  }
}
