package dev.poststack.bench.imports;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.bench.baseline.RawHashBaseline;
import dev.poststack.bench.pipeline.DevStackProcess;
import dev.poststack.bench.pipeline.StackMemory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Bulk import ({@code POST /mailboxes/import}) through {@code bin/poststack dev}, in requests of
 * {@code bench.import.chunk} rows as {@code admin import} sends them: rows with a password (the API
 * hashes each) beside raw SHA512-CRYPT throughput on all cores in the same run, rows with a hash an
 * earlier system made (nothing to hash), and the same pre-hashed rows again (every row {@code
 * exists}: the idempotent rerun).
 */
public final class ImportBench {
  private static final Pattern CREATED = Pattern.compile("\"created\":(\\d+)");
  private static final Pattern EXISTS = Pattern.compile("\"exists\":(\\d+)");

  private ImportBench() {}

  public static void run() throws Exception {
    int rows = Integer.getInteger("bench.import.rows", 3000);
    int chunk = Integer.getInteger("bench.import.chunk", 1000);
    int cores = Runtime.getRuntime().availableProcessors();
    Report report = new Report();
    System.out.println("[bench import 1/4] raw SHA512-CRYPT hashes, " + cores + " threads");
    Latencies.Result raw = RawHashBaseline.measure(cores, 4000);
    report.add("raw SHA512-CRYPT hash, " + cores + " threads", raw);
    System.out.println("[bench import 2/4] starting bin/poststack dev");
    try (DevStackProcess dev =
        DevStackProcess.start(
            Path.of("").toAbsolutePath(), Map.of("POSTSTACK_LIMITS_MAILBOXES", "10000000"))) {
      HttpClient http = HttpClient.newHttpClient();
      String hash = "{SHA512-CRYPT}" + Sha2Crypt.sha512Crypt("bench-imported".getBytes());
      // a warm-up import, so the figures below are not the JIT's first steps
      importAll(http, dev, 200, chunk, i -> plainRow("warm" + i));

      System.out.println("[bench import 3/4] " + rows + " rows with a password");
      StackMemory memory = StackMemory.watch(dev.handle());
      double plain = importAll(http, dev, rows, chunk, i -> plainRow("plain" + i));
      report.add(
          "import, rows with a password (the API hashes)", String.format("%.0f rows/s", plain));
      report.ratio(
          "import with passwords ÷ raw hash throughput (goal ≥ 0.7)", plain / raw.perSecond());

      System.out.println("[bench import 4/4] " + rows + " pre-hashed rows, then the same again");
      IntFunction<String> hashed =
          i -> "{\"email\":\"kept" + i + "@example.test\",\"passwordHash\":\"" + hash + "\"}";
      double prehashed = importAll(http, dev, rows, chunk, hashed);
      report.add(
          "import, pre-hashed rows (goal ≥ 5,000 rows/s)", String.format("%.0f rows/s", prehashed));
      double again = importAll(http, dev, rows, chunk, hashed);
      report.add(
          "import, the same pre-hashed rows again (all exist)",
          String.format("%.0f rows/s", again));
      memory.close();
      report.add(
          "dev stack RSS (API + provisioner JVM, broker JVM), peak while importing (goal < 1536"
              + " MiB)",
          String.format("%.0f MiB", memory.peakMib()));
    }
    report.print();
  }

  private static String plainRow(String local) {
    return "{\"email\":\""
        + local
        + "@example.test\",\"password\":\"bench-password-"
        + local
        + "\"}";
  }

  /** Rows per second over the whole file, request after request as {@code admin import} does. */
  private static double importAll(
      HttpClient http, DevStackProcess dev, int rows, int chunk, IntFunction<String> row)
      throws Exception {
    long start = System.nanoTime();
    int answered = 0;
    for (int from = 0; from < rows; from += chunk) {
      StringBuilder body = new StringBuilder();
      int to = Math.min(rows, from + chunk);
      for (int i = from; i < to; i++) {
        body.append(row.apply(i)).append('\n');
      }
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/mailboxes/import"))
                  .timeout(Duration.ofMinutes(10))
                  .header("Authorization", "Bearer " + dev.apiKey())
                  .header("Content-Type", "application/x-ndjson")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "import answered " + answer.statusCode() + ": " + answer.body());
      }
      int done = count(CREATED, answer.body()) + count(EXISTS, answer.body());
      if (done != to - from) {
        throw new IllegalStateException(
            "import applied " + done + " of " + (to - from) + " rows: " + tail(answer.body()));
      }
      answered += done;
    }
    return answered / ((System.nanoTime() - start) / 1e9);
  }

  private static int count(Pattern p, String body) {
    // the meta object comes last: its counts are the last match
    Matcher m = p.matcher(body);
    int last = 0;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  private static String tail(String body) {
    return body.length() > 300 ? body.substring(body.length() - 300) : body;
  }
}
