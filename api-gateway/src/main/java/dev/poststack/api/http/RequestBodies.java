package dev.poststack.api.http;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Reads a request body as bytes, at most {@code poststack.max-body-bytes} of them. */
@Component
public class RequestBodies {
  private final int maxBytes;

  public RequestBodies(ApiProperties properties) {
    this.maxBytes = properties.maxBodyBytes();
  }

  public Mono<byte[]> read(ServerWebExchange exchange) {
    return read(exchange, maxBytes, false);
  }

  /**
   * A list body of up to {@code limit} bytes (a bulk endpoint's own bound), JSON or, where {@code
   * ndjson} allows it, {@code application/x-ndjson}.
   */
  public Mono<byte[]> read(ServerWebExchange exchange, int limit, boolean ndjson) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> ApiException.payloadTooLarge(limit))
        .flatMap(
            bytes -> {
              if (bytes.length > 0
                  && type != null
                  && !isJson(type)
                  && !(ndjson && isNdjson(type))) {
                return Mono.error(
                    new ApiException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported_media_type",
                        ndjson
                            ? "send application/json or application/x-ndjson"
                            : "send application/json"));
              }
              return Mono.just(bytes);
            });
  }

  /** Whether the request says its body is NDJSON (one JSON object per line). */
  public static boolean isNdjson(ServerWebExchange exchange) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    return type != null && isNdjson(type);
  }

  private static boolean isNdjson(MediaType type) {
    return MediaType.APPLICATION_NDJSON.isCompatibleWith(type)
        || "jsonl".equals(type.getSubtype())
        || "x-jsonlines".equals(type.getSubtype());
  }

  private static boolean isJson(MediaType type) {
    return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
  }
}
