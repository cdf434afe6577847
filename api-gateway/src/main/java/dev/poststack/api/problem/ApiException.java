package dev.poststack.api.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Every failure the API answers on purpose: an HTTP status, a stable machine {@code code} the SDK
 * reads, and a message written by us (never an exception's text, never a client's value).
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final List<FieldError> errors;
  private final Long retryAfterSeconds;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, null, null);
  }

  private ApiException(
      HttpStatus status, String code, String message, List<FieldError> errors, Long retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = errors == null ? null : List.copyOf(errors);
    this.retryAfterSeconds = retryAfter;
  }

  public static ApiException validation(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + " " + errors.get(0).message()
            : "the request has " + errors.size() + " invalid fields";
    return new ApiException(
        HttpStatus.UNPROCESSABLE_CONTENT, "validation_error", detail, errors, null);
  }

  public static ApiException validation(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found");
  }

  public static ApiException payloadTooLarge(int maxBytes) {
    return new ApiException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload_too_large",
        maxBytes > 0 ? "request body exceeds " + maxBytes + " bytes" : "request body is too large");
  }

  public static ApiException rateLimited(long retryAfterSeconds) {
    return rateLimited("requests for this API key", retryAfterSeconds);
  }

  /** {@code what}: which limit, e.g. "requests for this team" (our text, never a client's). */
  public static ApiException rateLimited(String what, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate_limit_exceeded",
        "too many " + what + "; retry after " + retryAfterSeconds + " s",
        null,
        retryAfterSeconds);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", message);
  }

  /** 503 with its own code and a Retry-After: the server is busy, not broken. */
  public static ApiException unavailable(String code, String message, long retryAfterSeconds) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, message, null, retryAfterSeconds);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Answers that depend only on the request itself; an idempotency claim is released on them. */
  public boolean isRequestRefusal() {
    return status.is5xxServerError()
        || status == HttpStatus.UNAUTHORIZED
        || status == HttpStatus.FORBIDDEN
        || status == HttpStatus.TOO_MANY_REQUESTS
        || "validation_error".equals(code);
  }
}
