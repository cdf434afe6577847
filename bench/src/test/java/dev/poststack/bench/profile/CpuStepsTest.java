package dev.poststack.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A CPU sample is charged to the first step from the running frame outwards. */
class CpuStepsTest {
  @Test
  void theInnermostKnownFrameDecides() {
    assertThat(
            CpuSteps.stepOfTypes(
                List.of(
                    "java.security.MessageDigest",
                    "org.apache.commons.codec.digest.Sha2Crypt",
                    "dev.poststack.api.mailbox.MailboxHandler",
                    "reactor.core.publisher.MonoFlatMap")))
        .isEqualTo("password hash (SHA512-CRYPT)");
    assertThat(
            CpuSteps.stepOfTypes(
                List.of("tools.jackson.databind.ObjectMapper", "dev.poststack.provisioner.X")))
        .isEqualTo("JSON (Jackson)");
    assertThat(CpuSteps.stepOfTypes(List.of("dev.poststack.provisioner.app.EventProcessor")))
        .isEqualTo("provisioner code");
    assertThat(CpuSteps.stepOfTypes(List.of("kafka.server.ReplicaManager")))
        .isEqualTo("Kafka broker");
  }

  @Test
  void aStackOfUnknownFramesIsTheRest() {
    assertThat(CpuSteps.stepOfTypes(List.of("java.lang.Thread", "jdk.internal.misc.Unsafe")))
        .isEqualTo(CpuSteps.OTHER);
  }
}
