package dev.poststack.bench.baseline;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Load;
import java.time.Duration;
import org.apache.commons.codec.digest.Sha2Crypt;

/** The floor cost of a create: one SHA512-CRYPT hash (5000 rounds), as the API computes it. */
public final class RawHashBaseline {
  private RawHashBaseline() {}

  public static Latencies.Result measure(int threads, int operations) throws Exception {
    // the JIT needs a full round before crypt settles
    Load.run(threads, operations, Duration.ofSeconds(15), seq -> hash(seq));
    return Load.run(threads, operations, Duration.ofSeconds(30), seq -> hash(seq));
  }

  private static void hash(long seq) {
    String hash = Sha2Crypt.sha512Crypt(("bench-password-" + seq).getBytes());
    if (!hash.startsWith("$6$")) {
      throw new IllegalStateException("unexpected hash form");
    }
  }
}
