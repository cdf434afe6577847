package dev.poststack.renderer.hostconfig;

import java.util.List;
import java.util.Map;

/**
 * The two files that point Dovecot at the {@link ActivityStore}: the dict-sql map used by
 * last_login and quota_clone, and the SMTP AUTH recorder passdb.
 */
final class ActivityConfig {
  private ActivityConfig() {}

  static List<RenderedFile> render(HostSettings s) {
    String store = s.layout().activityStore().value();
    Map<String, String> values =
        Map.of(
            "STORE", store,
            "LAST_LOGIN", ActivityStore.LAST_LOGIN,
            "AUTH_LOGIN", ActivityStore.AUTH_LOGIN,
            "QUOTA", ActivityStore.QUOTA,
            "SMTP", SmtpLogins.SASL_SERVICE,
            "SEP", SmtpLogins.SEPARATOR);
    return List.of(
        RenderedFile.of(RenderedFile.ACTIVITY_DICT_CONF, Template.fill(DICT, values)),
        RenderedFile.of(RenderedFile.ACTIVITY_PASSDB_CONF, Template.fill(PASSDB, values)));
  }

  private static final String DICT =
      """
      # Rendered by config-renderer: last_login and quota_clone write here through the dict server.
      connect = {{STORE}}

      map {
        pattern = shared/last-login/$service/$user
        table = {{LAST_LOGIN}}
        value_field = ts
        value_type = uint
        fields {
          service = $service
          username = $user
        }
      }
      map {
        pattern = priv/quota/storage
        table = {{QUOTA}}
        username_field = username
        value_field = bytes
        value_type = uint
      }
      map {
        pattern = priv/quota/messages
        table = {{QUOTA}}
        username_field = username
        value_field = messages
        value_type = uint
      }
      """;

  /**
   * The recorder: in {@code protocol smtp} only, after the host store's passdb verified the
   * password ({@code skip = unauthenticated}). That passdb already answered the login {@code
   * <address>/<login_key>} (see SmtpLogins), so %u is cut at the separator to record the mailbox
   * address. It answers no user field, so it never changes the login the first passdb gave; the
   * {@code WHERE} on the service keeps it from ever writing for another one, and is what SQLite's
   * upsert syntax wants after a SELECT anyway.
   */
  private static final String PASSDB =
      """
      # Rendered by config-renderer: the SMTP AUTH login recorder (second passdb, never fails a login).
      driver = sqlite
      connect = {{STORE}}
      password_query = INSERT INTO {{AUTH_LOGIN}} (username, service, ts) SELECT lower(CASE WHEN instr('%u', '{{SEP}}') > 0 THEN substr('%u', 1, instr('%u', '{{SEP}}') - 1) ELSE '%u' END), '%s', unixepoch() WHERE '%s' = '{{SMTP}}' ON CONFLICT (username, service) DO UPDATE SET ts = excluded.ts RETURNING NULL AS password, 'Y' AS nopassword
      """;
}
