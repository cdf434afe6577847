package dev.poststack.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class PageRequestTest {

  private static PageRequest of(String page, String perPage) {
    var query = new LinkedMultiValueMap<String, String>();
    if (page != null) query.add("page", page);
    if (perPage != null) query.add("per_page", perPage);
    return PageRequest.from(query);
  }

  @Test
  void defaultsToTheFirstPageOfFifty() {
    assertThat(of(null, null)).isEqualTo(new PageRequest(1, 50));
  }

  @Test
  void refusesPagesBelowOneAndPageSizesOutsideOneToAHundred() {
    for (String[] bad :
        new String[][] {{"0", null}, {null, "0"}, {null, "101"}, {"x", null}, {null, "2.5"}}) {
      assertThatThrownBy(() -> of(bad[0], bad[1])).isInstanceOf(ApiException.class);
    }
    assertThat(of("3", "100").offset()).isEqualTo(200);
  }

  @Test
  void countsPagesAsTheCeilingOfTotalOverPageSize() {
    assertThat(Page.of(java.util.List.of(), new PageRequest(1, 2), 0).meta().totalPages()).isZero();
    assertThat(Page.of(java.util.List.of(), new PageRequest(1, 2), 3).meta().totalPages())
        .isEqualTo(2);
    assertThat(Page.of(java.util.List.of(), new PageRequest(1, 2), 4).meta().totalPages())
        .isEqualTo(2);
  }
}
