package dev.poststack.api.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** An answer as bytes: what the idempotency store keeps and replays, byte for byte. */
public record StoredResponse(int status, String contentType, byte[] body) {

  public ResponseEntity<byte[]> toEntity() {
    return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, contentType).body(body);
  }
}
