package dev.poststack.renderer.hostconfig;

import dev.poststack.renderer.host.EntryKind;
import java.util.Map;

/** {@code dovecot.conf} and its SQL file for one private instance. */
final class DovecotConfig {
  private DovecotConfig() {}

  static RenderedFile dovecotConf(HostSettings s) {
    HostLayout l = s.layout();
    Map<String, String> values = new java.util.HashMap<>(recording(s));
    values.putAll(
        Map.ofEntries(
            Map.entry("INSTANCE", s.instanceName().value()),
            Map.entry("LISTEN", s.listenAddress().isAny() ? "*" : s.listenAddress().value()),
            Map.entry("RUN_DIR", l.dovecotRunDir().value()),
            Map.entry("STATE_DIR", l.dovecotStateDir().value()),
            Map.entry("LOG_FILE", l.dovecotLog().value()),
            Map.entry("CERT", s.tlsCertPath().value()),
            Map.entry("KEY", s.tlsKeyPath().value()),
            Map.entry("UID", Integer.toString(s.vmailUid())),
            Map.entry("SQL_CONF", l.dovecotSqlConfig().value()),
            Map.entry("IMAPS", Integer.toString(s.ports().imaps())),
            Map.entry("POP3S", Integer.toString(s.ports().pop3s())),
            Map.entry("POSTMASTER", "postmaster@" + s.hostname().value())));
    return RenderedFile.of(RenderedFile.DOVECOT_CONF, Template.fill(DOVECOT, values));
  }

  /**
   * What recording activity adds to dovecot.conf, by placeholder; without recording each is empty
   * or the plain setting (the bench's baseline).
   */
  private static Map<String, String> recordingPieces(boolean on) {
    if (!on) {
      return Map.of(
          "RECORDER", "",
          "DICT_SERVICE", "",
          "LMTP_PLUGINS", "mail_plugins = $mail_plugins",
          "LAST_LOGIN", "",
          "POP3_PLUGINS", "",
          "ACTIVITY_SETTINGS", "");
    }
    return Map.of(
        "RECORDER",
        """
        protocol smtp {
          # SMTP AUTH (Postfix's service): the host store's passdb again, going on to the
          # recorder when the password is right. Dovecot puts a protocol's passdbs before the
          # global one, which it reaches only when this first one failed; IMAP and POP3 see only
          # the global one, so their logins pay nothing here (last_login records them)
          passdb {
            driver = sql
            args = {{SQL_CONF}}
            result_success = continue-ok
          }
          passdb {
            # records the login; runs only after a verified password and never fails a login: a
            # locked or broken activity store costs the record only
            driver = sql
            args = {{ACTIVITY_PASSDB}}
            skip = unauthenticated
            result_success = return-ok
            result_failure = return-ok
            result_internalfail = return-ok
          }
        }
        """,
        "DICT_SERVICE",
        """
        service dict {
          # clients are the imap, pop3 and lmtp processes, which run as the vmail uid (no account,
          # so no user or group to name here); the socket sits in base_dir
          unix_listener dict {
            mode = 0666
          }
        }
        """,
        "LMTP_PLUGINS",
        """
        # mail_log: one log line per delivered message, the cheapest record measured (the agent
          # reads the message itself later, off the delivery path)
          mail_plugins = $mail_plugins notify mail_log\
        """,
        "LAST_LOGIN",
        " quota_clone last_login",
        "POP3_PLUGINS",
        "# last_login only here and in imap: it fires on every mail user created, LMTP's"
            + " included;\n"
            + "  # quota_clone here and in imap (expunges), not in LMTP: there it waits for the"
            + " dict\n"
            + "  # (an fsync) before every 250, and the agent reads usage after deliveries"
            + " instead\n"
            + "  mail_plugins = $mail_plugins quota_clone last_login\n"
            + "  ",
        "ACTIVITY_SETTINGS",
        """


          # the activity store (dict-sql on its own SQLite file, through the dict server): one row
          # per user and service, one usage row per user; the agent forwards and prunes them
          last_login_dict = proxy::activity
          last_login_key = last-login/%s/%u
          quota_clone_dict = proxy::activity
          mail_log_events = save
          mail_log_fields = uid box msgid size from subject
        }

        dict {
          activity = sqlite:{{ACTIVITY_DICT}}\
        """);
  }

  /** The recording pieces, filled with their own paths: on, or off for a baseline. */
  private static Map<String, String> recording(HostSettings s) {
    HostLayout l = s.layout();
    Map<String, String> paths =
        Map.of(
            "ACTIVITY_DICT", l.activityDictConfig().value(),
            "ACTIVITY_PASSDB", l.activityPassdbConfig().value(),
            "SQL_CONF", l.dovecotSqlConfig().value());
    Map<String, String> out = new java.util.HashMap<>();
    recordingPieces(s.activityRecording())
        .forEach((name, text) -> out.put(name, Template.fill(text, paths)));
    return out;
  }

  static RenderedFile sqlConf(HostSettings s) {
    return RenderedFile.of(
        RenderedFile.DOVECOT_SQL_CONF,
        Template.fill(
            SQL,
            Map.of(
                "STORE", s.storePath().value(),
                "MAILBOXES", EntryKind.MAILBOX.table(),
                "SMTP", SmtpLogins.SASL_SERVICE,
                "SMTP_LOGIN", SmtpLogins.loginOf(""),
                "MAIL_ROOT", s.mailRoot().value(),
                "UID", Integer.toString(s.vmailUid()),
                "GID", Integer.toString(s.vmailGid()))));
  }

  private static final String SQL =
      """
      # Rendered by config-renderer from the host settings; the reload agent replaces it.
      driver = sqlite
      # read-only URI: Debian's libsqlite3 is built with USE_URI; the agent is the only writer
      connect = file:{{STORE}}?mode=ro
      default_pass_scheme = SHA512-CRYPT
      # a suspended mailbox has no passdb row, so IMAP, POP3 and SMTP AUTH all fail, while its
      # userdb row stays and LMTP delivery continues (its hash is also locked with '!').
      # Postfix (service {{SMTP}}) gets the login address/login_key: the agent renews the key on
      # suspension, deletion or a new password, and Postfix then ends sessions with the old login.
      password_query = SELECT CASE '%s' WHEN '{{SMTP}}' THEN {{SMTP_LOGIN}} ELSE address END AS user, password FROM {{MAILBOXES}} WHERE address = '%Lu' AND status = 'active'
      # homes are stored relative to the mail root so entries are the same on every host
      user_query = SELECT '{{MAIL_ROOT}}/' || home AS home, {{UID}} AS uid, {{GID}} AS gid, '*:bytes=' || quota_bytes AS quota_rule FROM {{MAILBOXES}} WHERE address = '%Lu'
      iterate_query = SELECT address AS user FROM {{MAILBOXES}}
      """;

  private static final String DOVECOT =
      """
      # Rendered by config-renderer from the host settings; the reload agent replaces it.
      instance_name = {{INSTANCE}}
      protocols = imap pop3 lmtp
      listen = {{LISTEN}}
      base_dir = {{RUN_DIR}}
      state_dir = {{STATE_DIR}}
      log_path = {{LOG_FILE}}
      info_log_path = {{LOG_FILE}}
      log_timestamp = "%Y-%m-%d %H:%M:%S "

      ssl = required
      ssl_cert = <{{CERT}}
      ssl_key = <{{KEY}}
      ssl_min_protocol = TLSv1.2
      disable_plaintext_auth = yes
      auth_mechanisms = plain login
      # SQL lookups are cached per user when this is on: a suspension or a new password would not
      # be seen until the entry expired (measured). Lookups cost 0.2-0.3 ms; no cache.
      auth_cache_size = 0

      first_valid_uid = {{UID}}
      last_valid_uid = {{UID}}
      mail_location = maildir:~/Maildir
      mail_plugins = quota

      passdb {
        driver = sql
        args = {{SQL_CONF}}
      }
      {{RECORDER}}userdb {
        driver = sql
        args = {{SQL_CONF}}
      }

      service imap-login {
        inet_listener imap {
          port = 0
        }
        inet_listener imaps {
          port = {{IMAPS}}
          ssl = yes
        }
      }
      service pop3-login {
        inet_listener pop3 {
          port = 0
        }
        inet_listener pop3s {
          port = {{POP3S}}
          ssl = yes
        }
      }
      service lmtp {
        unix_listener lmtp {
          mode = 0600
          user = postfix
          group = postfix
        }
      }
      service auth {
        # SMTP AUTH for Postfix's smtpd (not chrooted, so an absolute socket path works)
        unix_listener auth-postfix {
          mode = 0660
          user = postfix
          group = postfix
        }
      }
      service auth-worker {
        # sqlite is a blocking driver, so every lookup runs here; not root, and in the store's group
        user = dovecot
        extra_groups = postfix
      }
      service quota-status {
        executable = quota-status -p postfix
        unix_listener quota-status {
          mode = 0660
          user = postfix
          group = postfix
        }
        client_limit = 1
      }
      {{DICT_SERVICE}}service stats {
        # mail processes run as the vmail uid, which has no account and no group to reach it otherwise
        unix_listener stats-writer {
          mode = 0666
        }
      }

      protocol lmtp {
        {{LMTP_PLUGINS}}
        postmaster_address = {{POSTMASTER}}
        lmtp_rcpt_check_quota = yes
      }
      protocol imap {
        mail_plugins = $mail_plugins imap_quota{{LAST_LOGIN}}
      }
      protocol pop3 {
        {{POP3_PLUGINS}}pop3_uidl_format = %08Xu%08Xv
      }

      plugin {
        quota = maildir:User quota
        # answers for Postfix's check_policy_service at RCPT; Dovecot adds no second status code here
        quota_status_success = DUNNO
        quota_status_nouser = DUNNO
        quota_status_overquota = "552 5.2.2 Mailbox is full"{{ACTIVITY_SETTINGS}}
      }
      """;
}
