package dev.poststack.api.host;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class OperatorTokenTest {

  private static ApiProperties properties(String token) {
    var source = new MapConfigurationPropertySource();
    if (token != null) {
      source.put("poststack.operator-token", token);
    }
    return new Binder(source).bindOrCreate("poststack", ApiProperties.class);
  }

  private static MockServerWebExchange request(String authorization) {
    var request = MockServerHttpRequest.get("/hosts");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return MockServerWebExchange.from(request);
  }

  @Test
  void withoutATokenSetTheEndpointsDoNotExist() {
    OperatorToken operator = new OperatorToken(properties(null));
    assertThatThrownBy(() -> operator.require(request("Bearer anything")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.status().value()).isEqualTo(404));
  }

  @Test
  void onlyTheExactTokenPasses() {
    OperatorToken operator = new OperatorToken(properties("s3cret-operator"));
    assertThatCode(() -> operator.require(request("Bearer s3cret-operator")))
        .doesNotThrowAnyException();
    for (String wrong :
        new String[] {
          "Bearer s3cret-operato",
          "Bearer s3cret-operatorX",
          "Bearer sk_live_abc",
          "s3cret-operator",
          null
        }) {
      assertThatThrownBy(() -> operator.require(request(wrong)))
          .as(wrong)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> org.assertj.core.api.Assertions.assertThat(e.status().value()).isEqualTo(401));
    }
  }
}
