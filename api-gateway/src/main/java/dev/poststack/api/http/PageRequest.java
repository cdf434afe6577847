package dev.poststack.api.http;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.MultiValueMap;

/**
 * {@code page} ≥ 1 and {@code per_page} 1..100 (default 50, or the list's own), refused with 422
 * otherwise.
 */
public record PageRequest(int page, int perPage) {
  public static final int MAX_PER_PAGE = 100;
  public static final int DEFAULT_PER_PAGE = 50;
  private static final int MAX_PAGE = 10_000_000;

  public static PageRequest from(MultiValueMap<String, String> query) {
    return from(query, DEFAULT_PER_PAGE);
  }

  /** With a list's own default page size (1..{@link #MAX_PER_PAGE}). */
  public static PageRequest from(MultiValueMap<String, String> query, int defaultPerPage) {
    List<FieldError> errors = new ArrayList<>();
    int page = read(query, "page", 1, 1, MAX_PAGE, errors);
    int perPage = read(query, "per_page", defaultPerPage, 1, MAX_PER_PAGE, errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new PageRequest(page, perPage);
  }

  private static int read(
      MultiValueMap<String, String> query,
      String name,
      int fallback,
      int min,
      int max,
      List<FieldError> errors) {
    String raw = query.getFirst(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the same answer as out of range
    }
    errors.add(new FieldError(name, "must be an integer between " + min + " and " + max));
    return fallback;
  }

  public long offset() {
    return (long) (page - 1) * perPage;
  }
}
