package dev.poststack.agent.activity;

import jakarta.mail.MessagingException;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code doveadm -c <conf> -f pager fetch -u <user> 'mailbox-guid text' mailbox <folder> uid
 * <uid>}: Dovecot reads the message as the mail user, wherever its storage is. Output goes to a
 * private file, never a pipe, and is parsed from there, so a large message is never held whole in
 * memory (bodies are read bounded).
 */
final class DoveadmMessages implements MessageSource {
  private static final Logger log = LoggerFactory.getLogger(DoveadmMessages.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String dovecotConfig;
  private final Path scratch;

  /**
   * @param scratch a directory only the agent can read: messages pass through it
   */
  public DoveadmMessages(String dovecotConfig, Path scratch) {
    this.dovecotConfig = dovecotConfig;
    this.scratch = scratch;
  }

  @Override
  public Optional<Found> message(String user, String folder, long uid) {
    Path out = null;
    try {
      out = Files.createTempFile(scratch, "fetch", ".txt");
      if (!run(
          List.of(
              "doveadm",
              "-c",
              dovecotConfig,
              "-f",
              "pager",
              "fetch",
              "-u",
              user,
              "mailbox-guid text",
              "mailbox",
              folder,
              "uid",
              Long.toString(uid)),
          out)) {
        return Optional.empty();
      }
      return parse(out);
    } catch (IOException | MessagingException | RuntimeException e) {
      log.warn("cannot read {} uid {} of {}: {}", folder, uid, user, e.toString());
      return Optional.empty();
    } finally {
      deleteQuietly(out);
    }
  }

  /** {@code mailbox-guid: <hex>\ntext:\n<the message>}: the message starts after the 2nd line. */
  private static Optional<Found> parse(Path out) throws IOException, MessagingException {
    byte[] head;
    try (InputStream in = Files.newInputStream(out)) {
      head = in.readNBytes(256);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("mailbox-guid: ")) {
      return Optional.empty(); // no such message: doveadm printed nothing
    }
    int eol = text.indexOf('\n');
    String guid = text.substring("mailbox-guid: ".length(), eol).trim();
    if (!guid.matches("[0-9a-f]{32}") || !text.startsWith("text:\n", eol + 1)) {
      return Optional.empty();
    }
    long start = eol + 1 + "text:\n".length();
    try (SharedFileInputStream file = new SharedFileInputStream(out.toFile());
        InputStream message = file.newStream(start, -1)) {
      return Optional.of(new Found(guid, MessageFields.parse(message)));
    }
  }

  @Override
  public Optional<String> folderGuid(String user, String folder) {
    Path out = null;
    try {
      out = Files.createTempFile(scratch, "status", ".txt");
      if (!run(
          List.of(
              "doveadm",
              "-c",
              dovecotConfig,
              "-f",
              "flow",
              "mailbox",
              "status",
              "-u",
              user,
              "guid",
              folder),
          out)) {
        return Optional.empty();
      }
      String s = Files.readString(out, StandardCharsets.ISO_8859_1).trim();
      int at = s.lastIndexOf("guid=");
      String guid = at < 0 ? "" : s.substring(at + 5).trim();
      return guid.matches("[0-9a-f]{32}") ? Optional.of(guid) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } finally {
      deleteQuietly(out);
    }
  }

  /**
   * {@code doveadm -f tab quota get -u <user>}: the quota root's STORAGE (in KiB, as doveadm prints
   * it) and MESSAGE values. Read after deliveries instead of quota_clone in LMTP, which would make
   * every delivery wait for a dict commit.
   */
  @Override
  public Optional<ActivityRow.Usage> usage(String user) {
    Path out = null;
    try {
      out = Files.createTempFile(scratch, "quota", ".txt");
      if (!run(
          List.of("doveadm", "-c", dovecotConfig, "-f", "tab", "quota", "get", "-u", user), out)) {
        return Optional.empty();
      }
      return parseQuota(user, Files.readAllLines(out, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } finally {
      deleteQuietly(out);
    }
  }

  /**
   * {@code doveadm -f tab quota get -A}: every user's quota root, one STORAGE and one MESSAGE line
   * each, the user name first. Off every login and delivery path; its output goes to a file.
   */
  @Override
  public List<ActivityRow.Usage> allUsage() {
    Path out = null;
    try {
      out = Files.createTempFile(scratch, "quota-all", ".txt");
      if (!run(List.of("doveadm", "-c", dovecotConfig, "-f", "tab", "quota", "get", "-A"), out)) {
        return List.of();
      }
      return parseAllQuota(Files.readAllLines(out, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read every mailbox's usage: {}", e.toString());
      return List.of();
    } finally {
      deleteQuietly(out);
    }
  }

  /** {@code Username\tQuota name\tType\tValue\tLimit\t%}, in user order. */
  static List<ActivityRow.Usage> parseAllQuota(List<String> lines) {
    java.util.Map<String, List<String>> byUser = new java.util.LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split("\t", 2);
      if (f.length == 2 && f[0].contains("@")) {
        byUser.computeIfAbsent(f[0], u -> new java.util.ArrayList<>()).add(f[1]);
      }
    }
    List<ActivityRow.Usage> out = new java.util.ArrayList<>();
    byUser.forEach((user, rows) -> parseQuota(user, rows).ifPresent(out::add));
    return out;
  }

  /** {@code Quota name\tType\tValue\tLimit\t%}: one STORAGE and one MESSAGE line per root. */
  static Optional<ActivityRow.Usage> parseQuota(String user, List<String> lines) {
    Long kib = null;
    Long messages = null;
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length >= 3 && f[2].matches("\\d{1,15}")) {
        if (f[1].equals("STORAGE") && kib == null) {
          kib = Long.parseLong(f[2]);
        } else if (f[1].equals("MESSAGE") && messages == null) {
          messages = Long.parseLong(f[2]);
        }
      }
    }
    return kib == null || messages == null
        ? Optional.empty()
        : Optional.of(new ActivityRow.Usage(user, kib * 1024, messages));
  }

  private static boolean run(List<String> command, Path out) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a scratch file; the next start empties the directory
      }
    }
  }
}
