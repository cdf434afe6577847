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

  /** The dict-sql map of the activity store (logins and usage). */
  public AbsolutePath activityDictConfig() {
    return configDir().resolve(RenderedFile.ACTIVITY_DICT_CONF);
  }

  /** The SMTP AUTH recorder passdb's SQL file. */
  public AbsolutePath activityPassdbConfig() {
    return configDir().resolve(RenderedFile.ACTIVITY_PASSDB_CONF);
  }

  /**
   * The activity store's directory: Dovecot's dict server and auth workers (user dovecot) write
   * there and must create {@code -wal}/{@code -shm}, the agent reads and prunes.
   */
  public AbsolutePath activityDir() {
    return settings.baseDir().resolve("lib/activity");
  }

  /** {@link ActivityStore}: logins and usage Dovecot recorded, until the agent forwarded them. */
  public AbsolutePath activityStore() {
    return activityDir().resolve("activity.sqlite");
  }

  /** Where Dovecot logs, mail_log's delivery lines included. */
  public AbsolutePath dovecotLog() {
    return logDir().resolve("dovecot.log");
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

  /** rspamd's {@code LOCAL_CONFDIR}: its stock configuration is read from {@code /etc/rspamd}. */
  public AbsolutePath rspamdConfigDir() {
    return configDir().resolve("rspamd");
  }

  /** rspamd's {@code RUNDIR}: its pid file and the milter socket Postfix connects to. */
  public AbsolutePath rspamdRunDir() {
    return settings.baseDir().resolve("run/rspamd");
  }

  public AbsolutePath rspamdMilterSocket() {
    return rspamdRunDir().resolve("milter.sock");
  }

  /**
   * rspamd's {@code DBDIR}: kept across restarts, since its first start spends ~16 s compiling what
   * it caches here.
   */
  public AbsolutePath rspamdDbDir() {
    return settings.baseDir().resolve("lib/rspamd");
  }

  /** The maps the agent renames into place and rspamd watches (inotify): no reload for data. */
  public AbsolutePath rspamdMapsDir() {
    return settings.baseDir().resolve("lib/rspamd-maps");
  }

  /** {@code <domain> <selector>:<key file> ...}: the keys rspamd signs with, active ones only. */
  public AbsolutePath dkimKeysMap() {
    return rspamdMapsDir().resolve("dkim_keys.map");
  }

  /** {@code <sender address> <login address>}: who may use an address in the header From. */
  public AbsolutePath senderOwnersMap() {
    return rspamdMapsDir().resolve("sender_owners.map");
  }

  /** DKIM private keys, {@code <domain>/<selector>.key}, readable by rspamd's group only. */
  public AbsolutePath dkimKeyDir() {
    return settings.baseDir().resolve("lib/dkim");
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
        rspamdConfigDir(),
        rspamdRunDir(),
        rspamdDbDir(),
        rspamdMapsDir(),
        dkimKeyDir(),
        postfixDataDir(),
        postfixQueueDir(),
        logDir(),
        storeDir(),
        activityDir(),
        settings.mailRoot());
  }
}
