package dev.poststack.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.http.JsonBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {
  private static final ClientKeys KEYS =
      ClientKeys.of("retry-1", "sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

  @Test
  void theSameRequestHasTheSameFingerprint() {
    assertThat(
            fingerprint("POST", "/mailboxes", "{\"localPart\":\"a\",\"password\":\"pw-123456\"}"))
        .isEqualTo(
            fingerprint("POST", "/mailboxes", "{\"localPart\":\"a\",\"password\":\"pw-123456\"}"));
  }

  @Test
  void theOrderOfMembersDoesNotMatter() {
    assertThat(fingerprint("POST", "/mailboxes", "{\"b\":{\"y\":1,\"x\":2},\"a\":\"pw\"}"))
        .isEqualTo(fingerprint("POST", "/mailboxes", "{\"a\":\"pw\",\"b\":{\"x\":2,\"y\":1}}"));
  }

  @Test
  void anotherPasswordOrNoneOrANewOneIsAnotherRequest() {
    String first = fingerprint("POST", "/mailboxes", "{\"localPart\":\"a\",\"password\":\"pw-1\"}");
    assertThat(fingerprint("POST", "/mailboxes", "{\"localPart\":\"a\",\"password\":\"pw-2\"}"))
        .isNotEqualTo(first);
    assertThat(fingerprint("POST", "/mailboxes", "{\"localPart\":\"a\"}")).isNotEqualTo(first);
    assertThat(fingerprint("PATCH", "/mailboxes/1", "{\"displayName\":\"x\"}"))
        .isNotEqualTo(
            fingerprint("PATCH", "/mailboxes/1", "{\"displayName\":\"x\",\"password\":\"p\"}"));
  }

  @Test
  void methodPathAndQueryArePartOfTheRequest() {
    String first = fingerprint("POST", "/mailboxes", "{}");
    assertThat(fingerprint("PATCH", "/mailboxes", "{}")).isNotEqualTo(first);
    assertThat(fingerprint("POST", "/domains", "{}")).isNotEqualTo(first);
    assertThat(
            KEYS.fingerprint(RequestFingerprint.canonical("POST", "/mailboxes", "x=1", body("{}"))))
        .isNotEqualTo(first);
  }

  private static String fingerprint(String method, String path, String json) {
    return KEYS.fingerprint(RequestFingerprint.canonical(method, path, null, body(json)));
  }

  private static JsonBody body(String json) {
    return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
