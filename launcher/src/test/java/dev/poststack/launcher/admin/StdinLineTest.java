package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdinLineTest {

  @Test
  void theFirstLineIsReadWithoutItsLineEndAndItsSpacesKept() throws IOException {
    assertThat(StdinLine.read(in(" pass phrase \r\nsecond\n"))).hasValue(" pass phrase ");
    assertThat(StdinLine.read(in("no line end"))).hasValue("no line end");
    assertThat(StdinLine.read(in("mot de passe é\n"))).hasValue("mot de passe é");
  }

  @Test
  void anEmptyInputOrAnEmptyFirstLineIsNoPassword() throws IOException {
    assertThat(StdinLine.read(in(""))).isEmpty();
    assertThat(StdinLine.read(in("\n"))).isEmpty();
    assertThat(StdinLine.read(in("\r\nlater\n"))).isEmpty();
  }

  @Test
  void nothingAfterTheFirstLineIsConsumed() throws IOException {
    InputStream input = in("first\nsecond\n");
    StdinLine.read(input);
    assertThat(new String(input.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second\n");
  }

  @Test
  void anEndlessLineIsCutOff() throws IOException {
    assertThat(StdinLine.read(in("x".repeat(10_000))))
        .hasValueSatisfying(line -> assertThat(line).hasSize(StdinLine.MAX_BYTES));
  }

  private static InputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
