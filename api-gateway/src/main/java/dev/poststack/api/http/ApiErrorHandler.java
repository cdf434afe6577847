package dev.poststack.api.http;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.RepeatedWarnings;
import dev.poststack.api.problem.ApiException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place errors become answers, for handlers and filters alike (it wraps the filter chain):
 * a problem+json body, 4xx logged at WARN without a stack, 5xx at ERROR with one. A 4xx is
 * something any caller can repeat at will (a flood of bad keys is 401 after 401), so identical 4xx
 * lines (same status, code and message) are written once per {@code
 * poststack.repeated-warning-window} with a count of the rest.
 */
@Component
@Order(-2) // before Boot's default error handler
class ApiErrorHandler implements WebExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
  private static final long DATABASE_RETRY_SECONDS = 1;
  private final RepeatedWarnings warnings;

  ApiErrorHandler(ApiProperties properties) {
    this.warnings = new RepeatedWarnings(log, properties.repeatedWarningWindow());
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    ApiException e = translate(failure);
    String requestId = RequestIds.of(exchange).id();
    String route =
        exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
    // a 5xx that says when to come back (a busy pool, a time-out) is load, not a fault: one WARN
    // line per kind per window, like the 4xx, so a flood cannot flood the log
    if (e.status().is5xxServerError() && e.retryAfterSeconds() == null) {
      log.error("{} -> {} {} [{}]", route, e.status().value(), e.code(), requestId, failure);
    } else {
      warnings.warn(
          e.status().value() + " " + e.code() + ": " + e.getMessage(),
          "{} -> {} {}: {} [{}]",
          route,
          e.status().value(),
          e.code(),
          e.getMessage(),
          requestId);
    }
    return write(exchange, e);
  }

  public static Mono<Void> write(ServerWebExchange exchange, ApiException e) {
    StoredResponse body = ProblemResponses.render(e);
    var response = exchange.getResponse();
    response.setStatusCode(e.status());
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.parseMediaType(body.contentType()));
    if (e.retryAfterSeconds() != null) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body.body())));
  }

  static ApiException translate(Throwable failure) {
    if (failure instanceof ApiException e) {
      return e;
    }
    if (causedBy(failure, DataBufferLimitException.class)) {
      return ApiException.payloadTooLarge(-1);
    }
    if (failure instanceof ResponseStatusException rse) {
      return fromStatus(rse.getStatusCode());
    }
    if (causedBy(failure, R2dbcTimeoutException.class)) {
      // every pooled connection stayed busy for spring.r2dbc.pool.max-acquire-time: load, so a
      // retry soon is the right answer, not a request that hangs until the client gives up
      return ApiException.unavailable(
          "database_busy", "the database is busy; retry in a moment", DATABASE_RETRY_SECONDS);
    }
    return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  private static ApiException fromStatus(HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> ApiException.notFound("resource");
      case 405 ->
          new ApiException(
              HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
      case 406 ->
          new ApiException(
              HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "only JSON answers are available");
      case 413 -> ApiException.payloadTooLarge(-1);
      case 415 ->
          new ApiException(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
      default ->
          status.is4xxClientError()
              ? new ApiException(
                  HttpStatus.BAD_REQUEST, "bad_request", "the request cannot be read")
              : new ApiException(
                  HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
    };
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
