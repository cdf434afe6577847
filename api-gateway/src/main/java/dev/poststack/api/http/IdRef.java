package dev.poststack.api.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An object reference as clients send it: the numeric id or the public id ({@code mb_…}). Anything
 * else refers to nothing, so callers answer 404 exactly as for an absent or foreign object.
 */
public record IdRef(Long id, String publicId) {
  private static final Pattern NUMERIC = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern PUBLIC = Pattern.compile("[a-z]{2,4}_[A-Za-z0-9]{1,64}");

  public static Optional<IdRef> parse(String raw, String prefix) {
    if (raw == null) {
      return Optional.empty();
    }
    if (NUMERIC.matcher(raw).matches()) {
      return Optional.of(new IdRef(Long.parseLong(raw), null));
    }
    if (raw.startsWith(prefix) && PUBLIC.matcher(raw).matches()) {
      return Optional.of(new IdRef(null, raw));
    }
    return Optional.empty();
  }

  public static IdRef of(long id) {
    return new IdRef(id, null);
  }

  /** The column to match; a constant, never client text. */
  public String column() {
    return id != null ? "id" : "public_id";
  }

  public Object value() {
    return id != null ? id : publicId;
  }
}
