package dev.poststack.renderer.hostconfig;

import java.util.List;

/**
 * Where a private instance keeps its files, all derived from {@link HostSettings#baseDir()}. The
 * rendered configuration refers to these paths, so whoever writes the files and starts the daemons
 * (the agent, {@code bin/poststack mailhost}) must take them from here, never rebuild them.
 */
public record HostLayout(HostSettings settings) {

  /** {@link RenderedFile#name()} is relative to this directory. */
  public AbsolutePath configDir() {
    return settings.baseDir().resolve("etc");
  }

  /** {@code dovecot -c}, {@code doveadm -c}. */
  public AbsolutePath dovecotConfig() {
    return configDir().resolve(RenderedFile.DOVECOT_CONF);
  }

  public AbsolutePath dovecotSqlConfig() {
    return configDir().resolve(RenderedFile.DOVECOT_SQL_CONF);
  }

  /** {@code postfix -c} (always absolute: a relative one fails silently without syslog). */
  public AbsolutePath postfixConfigDir() {
    return configDir().resolve("postfix");
  }

  /** Dovecot's base_dir: master.pid and the auth, LMTP and quota-status sockets Postfix uses. */
  public AbsolutePath dovecotRunDir() {
    return settings.baseDir().resolve("run/dovecot");
  }

  public AbsolutePath dovecotStateDir() {
    return settings.baseDir().resolve("lib/dovecot");
  }

  public AbsolutePath postfixDataDir() {
    return settings.baseDir().resolve("lib/postfix");
  }

  /** One Postfix instance per queue directory: its master.pid lives here. */
  public AbsolutePath postfixQueueDir() {
    return settings.baseDir().resolve("spool");
  }

  public AbsolutePath logDir() {
    return settings.baseDir().resolve("log");
  }

  public AbsolutePath storeDir() {
    return settings.storePath().parent();
  }

  /** Directories that must exist before the daemons start (owners and modes: see the README). */
  public List<AbsolutePath> directories() {
    return List.of(
        configDir().resolve("dovecot"),
        postfixConfigDir(),
        dovecotRunDir(),
        dovecotStateDir(),
        postfixDataDir(),
        postfixQueueDir(),
        logDir(),
        storeDir(),
        settings.mailRoot());
  }
}
