package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.PostStackCli;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.testing.mail.MailClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration as an operator runs it: {@code bin/poststack admin import users.csv --team T} with
 * passwords in clear and hashes an earlier system made ({@code doveadm pw} makes them here, as the
 * old Dovecot did), then each user logs in over IMAPS on the mail host with the password they had;
 * a second run of the same file creates nothing twice.
 */
@Order(9)
@ExtendWith(SystemStackExtension.class)
class ImportE2E {
  private final SystemStack stack;
  private final Tenant tenant;
  private final MailClients mail;
  private final String domain;
  @TempDir Path dir;

  ImportE2E(SystemStack stack) {
    this.stack = stack;
    tenant = stack.tenant();
    mail = stack.mail();
    domain = Tenant.uniqueDomain("import");
    tenant.verifiedDomain(domain);
  }

  @Test
  void importedUsersLogInWithTheirOwnPasswordsAndARerunCreatesNothingTwice() throws Exception {
    Map<String, String> users = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("email,password,password_hash,display_name,aliases\n");
    for (int i = 1; i <= 4; i++) {
      String address = "plain" + i + "@" + domain;
      users.put(address, "plain password " + i);
      csv.append(address).append(",plain password ").append(i).append(",,\"Plain, ").append(i);
      csv.append("\",").append(i == 1 ? "info@" + domain + ";sales@" + domain : "").append('\n');
    }
    for (String scheme : List.of("BLF-CRYPT", "ARGON2ID", "SHA512-CRYPT")) {
      String address = scheme.toLowerCase().replace("-", "") + "@" + domain;
      String password = "kept " + scheme + " password";
      users.put(address, password);
      // quoted: an ARGON2ID hash holds commas (m=…,t=…,p=1)
      csv.append(address).append(",,\"").append(doveadmHash(scheme, password)).append("\",,\n");
    }
    Path file = dir.resolve("users.csv");
    Files.writeString(file, csv);

    Run first =
        poststack("admin", "import", file.toString(), "--team", String.valueOf(tenant.teamId));

    Path resultFile = dir.resolve("users.csv.results.ndjson");
    assertThat(first.exit)
        .as(first.out + first.err + (Files.exists(resultFile) ? Files.readString(resultFile) : ""))
        .isZero();
    assertThat(first.out).contains("7 created, 0 exists, 0 refused, 0 pending");
    List<String> results = Files.readAllLines(resultFile);
    assertThat(results).hasSize(7);
    assertThat(results.get(0)).contains("\"info@" + domain + "\",\"status\":\"created\"");
    for (var user : users.entrySet()) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> mail.imapLoginWorks(user.getKey(), user.getValue()));
    }
    assertThat(mail.imapLoginWorks("plain1@" + domain, "not the password")).isFalse();
    // the run's key is gone once the run is over
    assertThat(liveKeysNamed("operator import")).isZero();

    Run again =
        poststack(
            "admin",
            "import",
            file.toString(),
            "--team",
            String.valueOf(tenant.teamId),
            "--restart");
    assertThat(again.exit).as(again.err).isZero();
    assertThat(again.out).contains("0 created, 7 exists, 0 refused, 0 pending");
    // nothing left to resume: a third run without --restart answers no rows
    Run resumed =
        poststack("admin", "import", file.toString(), "--team", String.valueOf(tenant.teamId));
    assertThat(resumed.out).startsWith("imported 0 rows");
  }

  @Test
  void aBadFileGetsOneLineAndChangesNothing() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "email,secret\nx@" + domain + ",y\n");
    Run run =
        poststack("admin", "import", file.toString(), "--team", String.valueOf(tenant.teamId));
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err.strip()).startsWith("poststack: admin import: unknown CSV column 'secret'");
    assertThat(run.err.strip().lines()).hasSize(1);
  }

  private long liveKeysNamed(String name) throws Exception {
    try (var c = stack.database().connect();
        var s =
            c.prepareStatement(
                "select count(*) from api_key where team_id = ? and name = ? and revoked_at is"
                    + " null")) {
      s.setLong(1, tenant.teamId);
      s.setString(2, name);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The hash as Dovecot's own tool writes it: what an earlier Dovecot-based system stored. */
  private static String doveadmHash(String scheme, String password) throws Exception {
    Process p =
        new ProcessBuilder("doveadm", "pw", "-s", scheme, "-p", password)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private record Run(int exit, String out, String err) {}

  private Run poststack(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int port = URI.create(stack.apiBaseUrl()).getPort();
    List<String> argv = new ArrayList<>(List.of(args));
    int exit =
        PostStackCli.run(
            argv.toArray(String[]::new),
            Map.of(
                "POSTSTACK_DATA_DIR", dir.resolve("data").toString(),
                "POSTSTACK_PG_DATABASE", stack.database().name(),
                "POSTSTACK_HTTP_PORT", String.valueOf(port)),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
