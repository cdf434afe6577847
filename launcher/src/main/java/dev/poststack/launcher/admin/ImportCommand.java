package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.cli.ProgressBar;
import dev.poststack.launcher.spi.ImportKeys;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import mailboxes (and their aliases) from a CSV or NDJSON file into a team, through the",
      "team's API (POST /mailboxes/import) with a key minted for the run and revoked after it.",
      "CSV columns: email, password or password_hash, display_name, quota_bytes,",
      "webhook_enabled, aliases (space- or semicolon-separated). Each row's result goes to",
      "FILE.results.ndjson; FILE.import-state remembers the rows answered, so a run that stopped",
      "resumes after them (rerunning rows is safe too: a row already in answers exists)."
    })
final class ImportCommand implements Callable<Integer> {
  private static final String COMMAND = "admin import";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int ATTEMPTS = 5;

  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;
  private final PrintStream err;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .csv file, or NDJSON.")
  Path file;

  @Option(names = "--team", required = true, paramLabel = "NAME|ID", description = "The team.")
  String team;

  @Option(
      names = "--chunk",
      defaultValue = "1000",
      paramLabel = "ROWS",
      description = "Rows per request, 1..10000 (default ${DEFAULT-VALUE}).")
  int chunk;

  @Option(names = "--restart", description = "Forget the rows an earlier run answered.")
  boolean restart;

  ImportCommand(
      Supplier<LauncherEnv> env, Extensions extensions, PrintStream out, PrintStream err) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (chunk < 1 || chunk > 10_000) {
      throw new OperatorException(COMMAND + ": --chunk must be 1..10000", ExitCodes.USAGE, null);
    }
    if (!Files.isReadable(file)) {
      throw new OperatorException(COMMAND + ": cannot read " + file, ExitCodes.USAGE, null);
    }
    List<String> rows = AdminCall.run(COMMAND, () -> ImportFile.read(file));
    String fileHash = AdminCall.run(COMMAND, () -> sha256(Files.readAllBytes(file)));
    Path state = file.resolveSibling(file.getFileName() + ".import-state");
    Path results = file.resolveSibling(file.getFileName() + ".results.ndjson");
    int start = AdminCall.run(COMMAND, () -> restart ? 0 : resumeFrom(state, fileHash));
    if (start == 0) {
      AdminCall.run(COMMAND, () -> Files.deleteIfExists(results));
    }
    ImportKeys keys = AdminCall.require(extensions, ImportKeys.class, COMMAND);
    StackEndpoints stack = AdminCall.run(COMMAND, () -> StackFile.resolve(env.get()));
    ImportKeys.ImportKey key = AdminCall.run(COMMAND, () -> keys.mint(stack, team));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String s : List.of("created", "exists", "refused", "pending")) {
      counts.put(s, 0L);
    }
    long began = System.nanoTime();
    ProgressBar progress = new ProgressBar(err, "importing", "rows");
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      for (int from = start; from < rows.size(); from += chunk) {
        int to = Math.min(rows.size(), from + chunk);
        JsonNode answer = send(http, stack.apiBaseUrl(), key.apiKey(), rows.subList(from, to));
        StringBuilder lines = new StringBuilder();
        for (JsonNode row : answer.get("data")) {
          // row numbers of the file, not of the request
          var numbered = ((tools.jackson.databind.node.ObjectNode) row).deepCopy();
          numbered.put("row", from + row.get("row").asInt());
          counts.merge(row.get("status").asString(), 1L, Long::sum);
          lines.append(JSON.writeValueAsString(numbered)).append('\n');
        }
        int done = to;
        AdminCall.run(
            COMMAND,
            () -> {
              Files.writeString(
                  results, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
              Files.writeString(state, fileHash + " " + done + "\n");
              return null;
            });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        progress.show(
            done, rows.size(), (done - start) / Math.max(1e-9, elapsed.toNanos() / 1e9), elapsed);
      }
    } finally {
      progress.finish();
      AdminCall.run(
          COMMAND,
          () -> {
            keys.revoke(stack, key.keyId());
            return null;
          });
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long answered = rows.size() - start;
    out.printf(
        "imported %d rows into team %s: %d created, %d exists, %d refused, %d pending in %.1f s"
            + " (%.0f rows/s); results in %s%n",
        answered,
        key.teamName(),
        counts.get("created"),
        counts.get("exists"),
        counts.get("refused"),
        counts.get("pending"),
        seconds,
        seconds > 0 ? answered / seconds : 0,
        results.getFileName());
    return counts.get("refused") + counts.get("pending") == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** One request of rows, sent again on a 5xx or a lost answer under the same Idempotency-Key. */
  private JsonNode send(HttpClient http, String api, String apiKey, List<String> rows) {
    String body = String.join("\n", rows) + "\n";
    String idempotencyKey = "import-" + UUID.randomUUID();
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(api + "/mailboxes/import"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", idempotencyKey)
                    .header("User-Agent", "poststack-admin-import")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() == 200) {
          return JSON.readTree(answer.body());
        }
        last = problem(answer);
        if (answer.statusCode() < 500 && answer.statusCode() != 429 && answer.statusCode() != 409) {
          break; // the request itself is refused: sending it again changes nothing
        }
      } catch (IOException e) {
        last = "the API did not answer (" + e.getClass().getSimpleName() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperatorException(COMMAND + ": interrupted", ExitCodes.FAILED, e);
      }
      sleep(attempt);
    }
    throw new OperatorException(
        COMMAND + " failed: " + last + "; run it again to resume", ExitCodes.FAILED, null);
  }

  private static String problem(HttpResponse<String> answer) {
    try {
      JsonNode p = JSON.readTree(answer.body());
      return answer.statusCode()
          + " "
          + p.path("code").asString("")
          + ": "
          + p.path("error").asString("");
    } catch (RuntimeException e) {
      return "HTTP " + answer.statusCode();
    }
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep(Math.min(10_000, 500L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rows an earlier run of the same file answered; another file's state is ignored. */
  static int resumeFrom(Path state, String fileHash) throws IOException {
    if (!Files.exists(state)) {
      return 0;
    }
    String[] parts = Files.readString(state).strip().split(" ");
    return parts.length == 2 && parts[0].equals(fileHash) ? Integer.parseInt(parts[1]) : 0;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
