package dev.poststack.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.problem.ApiException;
import dev.poststack.values.address.LocalPart;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  private static JsonBody parse(String json) {
    return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void collectsEveryProblemBeforeRefusing() {
    JsonBody body = parse("{\"localPart\":\"a:b\",\"quotaBytes\":\"12\",\"extra\":true}");
    body.allowOnly(Set.of("localPart", "quotaBytes", "password"));
    body.value("localPart", body.string("localPart", true), LocalPart::of);
    body.integer("quotaBytes", false);
    body.string("password", true);
    assertThatThrownBy(body::validate)
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactlyInAnyOrder("extra", "localPart", "quotaBytes", "password"));
  }

  @Test
  void readsAnIdAsANumberOrAPrefixedPublicIdOnly() {
    JsonBody body = parse("{\"a\":7,\"b\":\"dom_abc\",\"c\":\"mb_abc\",\"d\":1.5}");
    assertThat(body.ref("a", "dom_", true)).isEqualTo(IdRef.of(7));
    assertThat(body.ref("b", "dom_", true)).isEqualTo(new IdRef(null, "dom_abc"));
    assertThat(body.ref("c", "dom_", true)).isNull();
    assertThat(body.ref("d", "dom_", true)).isNull();
    assertThatThrownBy(body::validate).isInstanceOf(ApiException.class);
  }

  @Test
  void readsAnEmptyBodyAsAnEmptyObjectAndRefusesDuplicatesAndNonObjects() {
    assertThat(JsonBody.parse(new byte[0]).isEmpty()).isTrue();
    assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("malformed_json"));
    assertThatThrownBy(() -> parse("[]"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("validation_error"));
  }

  @Test
  void neverQuotesTheInputInAParseError() {
    assertThatThrownBy(() -> parse("{\"password\": \"hunter2-secret"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
