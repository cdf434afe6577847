package dev.poststack.dashboard.api;

import org.springframework.util.MultiValueMap;

/**
 * The {@code page} a list page asks the API for, from the browser's query: a whole number from 1 to
 * {@code max}; anything else, or none, is the first page.
 */
public final class PageNumber {
  private PageNumber() {}

  public static int of(MultiValueMap<String, String> query, int max) {
    try {
      return Math.max(1, Math.min(max, Integer.parseInt(query.getFirst("page"))));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
