package dev.poststack.api.http;

import java.util.List;

/** A page of a list answer, as the docs page shapes it: {@code {data, meta}}. */
public record Page<T>(List<T> data, Meta meta) {

  public record Meta(int page, int perPage, long total, long totalPages) {}

  public static <T> Page<T> of(List<T> data, PageRequest request, long total) {
    long pages = (total + request.perPage() - 1) / request.perPage();
    return new Page<>(data, new Meta(request.page(), request.perPage(), total, pages));
  }
}
