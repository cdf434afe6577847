package dev.poststack.api.outcome;

import dev.poststack.api.problem.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The provisioner's stable rejection codes as answers: taken or in use 409, missing 404, {@code
 * apply_failed} 500 (the provisioner's failure, not the request's: a retry is a new event), else
 * 422.
 */
final class Rejections {
  private Rejections() {}

  public static ApiException toException(Outcome.Rejected rejected) {
    String code = rejected.code() == null ? "rejected" : rejected.code();
    String message =
        rejected.message() == null || rejected.message().isBlank()
            ? code.replace('_', ' ')
            : rejected.message();
    return new ApiException(statusOf(code), code, message);
  }

  static HttpStatus statusOf(String code) {
    return switch (code) {
      case "address_taken",
          "domain_name_taken",
          "domain_in_use",
          "id_conflict",
          "dkim_rotation_conflict" ->
          HttpStatus.CONFLICT;
      case "apply_failed" -> HttpStatus.INTERNAL_SERVER_ERROR;
      default ->
          code.endsWith("_not_found") ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }
}
