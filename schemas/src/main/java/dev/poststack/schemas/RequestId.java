package dev.poststack.schemas;

import java.util.Optional;

/**
 * The request an event came from: the server's own id, which the audit log stores as the request id
 * and the API answers in {@code X-Request-Id}, the id the client sent, if any, kept apart so that
 * no client can choose, reuse or forge the id an audit row is found by, and where the request came
 * from. The API captures all three once per request, so every event built from it carries them.
 *
 * @param id the server's id ({@code req_…}), never null
 * @param clientId what the client sent in {@code X-Request-Id}, if it is a {@link #isClientId
 *     valid} one; else null
 * @param origin the client's address and User-Agent; {@link RequestOrigin#NONE} for a request the
 *     server started itself
 */
public record RequestId(String id, String clientId, RequestOrigin origin) {
  /** The longest client id kept; a longer one is dropped, not cut. */
  public static final int MAX_CLIENT_ID_LENGTH = 128;

  public RequestId {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a request id is required");
    }
    if (clientId != null && !isClientId(clientId)) {
      throw new IllegalArgumentException("not a valid client request id");
    }
    origin = origin == null ? RequestOrigin.NONE : origin;
  }

  /** A request whose origin is not known. */
  public RequestId(String id, String clientId) {
    this(id, clientId, RequestOrigin.NONE);
  }

  /** A request the server started itself, or whose client sent no id. */
  public static RequestId server(String id) {
    return new RequestId(id, null);
  }

  /** The server's id, and the client's if it is valid (an invalid one is dropped, not refused). */
  public static RequestId of(String id, String clientSent) {
    return new RequestId(id, isClientId(clientSent) ? clientSent : null);
  }

  /** The same request, coming from {@code from}. */
  public RequestId from(RequestOrigin from) {
    return new RequestId(id, clientId, from);
  }

  public Optional<String> client() {
    return Optional.ofNullable(clientId);
  }

  /**
   * 1 to {@value #MAX_CLIENT_ID_LENGTH} printable ASCII characters (space to tilde): safe to store,
   * log and echo in a header. The provisioner holds events to the same rule.
   */
  public static boolean isClientId(CharSequence value) {
    if (value == null || value.isEmpty() || value.length() > MAX_CLIENT_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
