package dev.poststack.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Hash cost per scheme candidate; run with bench/run --jmh. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PasswordHashBenchmark {
  private final byte[] password = "correct horse battery staple".getBytes();

  @Benchmark
  public String sha512Crypt() {
    return Sha2Crypt.sha512Crypt(password);
  }

  @Benchmark
  public String sha256Crypt() {
    return Sha2Crypt.sha256Crypt(password);
  }
}
