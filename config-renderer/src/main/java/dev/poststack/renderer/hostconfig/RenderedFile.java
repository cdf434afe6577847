package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One rendered configuration file: its path relative to {@link HostLayout#configDir()} and its
 * exact bytes. The agent compares bytes to decide whether a daemon needs a reload.
 */
public record RenderedFile(String name, byte[] bytes) implements Comparable<RenderedFile> {
  public static final String DOVECOT_CONF = "dovecot/dovecot.conf";
  public static final String DOVECOT_SQL_CONF = "dovecot/dovecot-sql.conf.ext";
  public static final String ACTIVITY_DICT_CONF = "dovecot/dict-activity.conf.ext";
  public static final String ACTIVITY_PASSDB_CONF = "dovecot/activity-passdb.conf.ext";

  /** Which daemon reads the file, so a change reloads only that one. */
  public enum Daemon {
    DOVECOT,
    POSTFIX,
    RSPAMD
  }

  public RenderedFile {
    if (name == null
        || !name.matches(
            "(dovecot|postfix)/[a-z0-9][a-z0-9.-]*|rspamd/([a-z]+\\.d/)?[a-z0-9][a-z0-9._-]*")
        || bytes == null) {
      throw new InvalidValueException(
          "name", "must be dovecot/<file>, postfix/<file> or rspamd/[<dir>.d/]<file>");
    }
    bytes = bytes.clone();
  }

  static RenderedFile of(String name, String text) {
    return new RenderedFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public Daemon daemon() {
    if (name.startsWith("dovecot/")) {
      return Daemon.DOVECOT;
    }
    return name.startsWith("rspamd/") ? Daemon.RSPAMD : Daemon.POSTFIX;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int compareTo(RenderedFile other) {
    return name.compareTo(other.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedFile f && f.name.equals(name) && Arrays.equals(f.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RenderedFile[" + name + ", " + bytes.length + " bytes]";
  }
}
