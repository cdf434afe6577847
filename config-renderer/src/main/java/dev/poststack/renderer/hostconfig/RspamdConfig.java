package dev.poststack.renderer.hostconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rspamd as the one milter of the submissions service: it refuses a header From the logged-in
 * mailbox does not own and signs with the From domain's active DKIM keys, failing closed when it
 * has none. Its stock configuration ({@code /etc/rspamd}) is read with this directory as {@code
 * LOCAL_CONFDIR}. The configuration is static: the data (who owns which address, which keys sign)
 * comes only through the two maps the agent renames into place, which rspamd picks up through
 * inotify in milliseconds. A SIGHUP drops milter sessions in flight, so it is never used for data.
 */
final class RspamdConfig {
  private RspamdConfig() {}

  /**
   * Stock modules that fetch maps over HTTPS, query DNS block lists or fuzzy servers on the
   * internet at start or per message. The host only signs and checks From: none is wanted.
   */
  static final List<String> DISABLED_MODULES =
      List.of(
          "asn",
          "fuzzy_check",
          "greylist",
          "mid",
          "mime_types",
          "multimap",
          "phishing",
          "rbl",
          "rspamd_update",
          "url_redirector",
          "whitelist");

  static List<RenderedFile> render(HostSettings s) {
    HostLayout l = s.layout();
    List<RenderedFile> files = new ArrayList<>();
    files.add(RenderedFile.of("rspamd/local.d/options.inc", OPTIONS));
    files.add(RenderedFile.of("rspamd/local.d/logging.inc", LOGGING));
    files.add(RenderedFile.of("rspamd/local.d/settings.conf", SETTINGS));
    files.add(RenderedFile.of("rspamd/local.d/dkim_signing.conf", DKIM_SIGNING));
    for (String module : DISABLED_MODULES) {
      files.add(
          RenderedFile.of(
              "rspamd/local.d/" + module + ".conf",
              HEADER
                  + "# not used on a mail host: it would reach out to the internet\n"
                  + "enabled = false;\n"));
    }
    files.add(
        RenderedFile.of(
            "rspamd/override.d/worker-proxy.inc",
            Template.fill(PROXY, Map.of("SOCKET", l.rspamdMilterSocket().value()))));
    files.add(
        RenderedFile.of(
            "rspamd/override.d/worker-normal.inc",
            Template.fill(NORMAL, Map.of("RUN_DIR", l.rspamdRunDir().value()))));
    files.add(
        RenderedFile.of(
            "rspamd/override.d/worker-controller.inc",
            Template.fill(CONTROLLER, Map.of("RUN_DIR", l.rspamdRunDir().value()))));
    files.add(
        RenderedFile.of(
            "rspamd/rspamd.local.lua",
            Template.fill(
                LUA,
                Map.of(
                    "SENDER_OWNERS_MAP", l.senderOwnersMap().value(),
                    "DKIM_KEYS_MAP", l.dkimKeysMap().value(),
                    "SEPARATOR", SmtpLogins.SEPARATOR))));
    return files;
  }

  private static final String HEADER =
      "# Rendered by config-renderer from the host settings; the reload agent replaces it.\n";

  private static final String OPTIONS =
      HEADER
          + """
          # Nothing the host asks rspamd to do needs DNS (it signs and checks From). Should a stock
          # rule still ask, the query goes to this machine, never to a resolver on the internet.
          dns {
            nameserver = ["127.0.0.1:53"];
            timeout = 1s;
            retransmits = 1;
          }
          """;

  private static final String LOGGING = HEADER + "level = \"notice\";\n";

  /**
   * Only authenticated submissions reach rspamd (it is the milter of 465 alone), and they run only
   * the From check, signing and the fail-closed rule: no spam scan of our own customers' mail.
   */
  private static final String SETTINGS =
      HEADER
          + """
          submission {
            priority = high;
            authenticated = true;
            apply {
              symbols_enabled = ["FROM_NOT_OWNED", "DKIM_SIGNED", "DKIM_SIGN_MISSING"];
            }
          }
          """;

  /**
   * Every active key of the From domain, from the agent's map ({@code domain sel:path sel:path}):
   * RSA and Ed25519 sign side by side. Stock sanity checks (From vs envelope, user vs domain) are
   * not used: they skip aliases in another hosted domain silently; FROM_NOT_OWNED has already
   * refused any From the user does not own.
   */
  private static final String DKIM_SIGNING =
      HEADER
          + """
          sign_condition = <<EOD
          return function(task)
            if not task:get_user() then return false end
            local from = task:get_from('mime')
            if not from or #from ~= 1 or not from[1].domain or from[1].domain == '' then return false end
            local dom = from[1].domain:lower()
            local v = POSTSTACK_DKIM_KEYS and POSTSTACK_DKIM_KEYS:get_key(dom)
            if not v then return false end
            local res = {}
            for sel, path in tostring(v):gmatch('([^%s:]+):([^%s]+)') do
              table.insert(res, { domain = dom, selector = sel, key = path })
            end
            if #res == 0 then return false end
            return res
          end
          EOD;
          """;

  private static final String PROXY =
      HEADER
          + """
          # the milter on a unix socket: over TCP loopback each message waited 40-90 ms more
          bind_socket = "{{SOCKET}} mode=0666";
          milter = yes;
          timeout = 120s;
          # scan inside the proxy: no separate normal worker
          upstream "local" {
            default = yes;
            self_scan = yes;
          }
          count = 1;
          max_retries = 5;
          discard_on_reject = false;
          quarantine_on_reject = false;
          reject_message = "Message refused by policy";
          """;

  private static final String NORMAL =
      HEADER
          + """
          # the proxy scans itself; never the stock TCP port
          bind_socket = "{{RUN_DIR}}/normal.sock mode=0600";
          count = -1;
          """;

  private static final String CONTROLLER =
      HEADER
          + """
          # never the stock TCP port 11334; the socket is root's only
          bind_socket = "{{RUN_DIR}}/controller.sock mode=0600";
          count = 1;
          """;

  private static final String LUA =
      """
      -- Rendered by config-renderer from the host settings; the reload agent replaces it.
      -- Postfix hands rspamd the SASL login <address>{{SEPARATOR}}<login_key> (hostconfig.SmtpLogins):
      -- the address is the part before the first separator.
      local function login_address(task)
        local user = task:get_user()
        if not user then return nil end
        return (user:lower():match('^([^{{SEPARATOR}}]+)'))
      end

      -- sender address -> owning login addresses (agent-rendered from the senders rows)
      local owners = rspamd_config:add_map({
        type = 'map',
        url = 'file://{{SENDER_OWNERS_MAP}}',
        description = 'sender address -> owning logins (poststack agent)',
      })

      -- domain -> "selector:keyfile selector:keyfile", active keys only (agent-rendered)
      POSTSTACK_DKIM_KEYS = rspamd_config:add_map({
        type = 'map',
        url = 'file://{{DKIM_KEYS_MAP}}',
        description = 'DKIM keys per domain (poststack agent)',
      })

      local function reject(task, why)
        task:insert_result('FROM_NOT_OWNED', 1.0, why)
        task:set_pre_result('reject', why, 'from_owner')
      end

      -- The header From must be exactly one address, the login's own or one granted to it; the
      -- envelope sender does not matter here (an empty one is checked the same way).
      rspamd_config:register_symbol({
        name = 'FROM_NOT_OWNED',
        type = 'prefilter',
        priority = 10,
        score = 0.0,
        group = 'policies',
        description = 'Header From not owned by the authenticated user',
        callback = function(task)
          local user = login_address(task)
          if not user then return end
          local from = task:get_from('mime')
          if not from or #from == 0 or not from[1].addr or from[1].addr == '' then
            return reject(task, 'message has no usable From header')
          end
          if #from > 1 then
            return reject(task, 'message has more than one From address')
          end
          local addr = from[1].addr:lower()
          if addr == user then return end
          local o = owners:get_key(addr)
          if o then
            for login in tostring(o):gmatch('[^,%s]+') do
              if login:lower() == user then return end
            end
          end
          return reject(task, string.format('From <%s> is not owned by user %s', addr, user))
        end,
      })

      -- Fail closed: an authenticated submission rspamd could not sign (no active key for the From
      -- domain yet, an unreadable key) gets a 4xx instead of leaving unsigned.
      rspamd_config:register_symbol({
        name = 'DKIM_SIGN_MISSING',
        type = 'postfilter',
        priority = 10,
        score = 0.0,
        group = 'policies',
        description = 'Authenticated submission left unsigned',
        callback = function(task)
          if not task:get_user() or task:has_symbol('DKIM_SIGNED') then return end
          local a = task:get_metric_action()
          if a == 'reject' or a == 'soft reject' then return end
          local from = task:get_from('mime')
          local dom = (from and from[1] and from[1].domain or '?'):lower()
          task:insert_result('DKIM_SIGN_MISSING', 1.0, dom)
          task:set_pre_result('soft reject',
            string.format('no DKIM key available for %s, try again later', dom), 'dkim_fail_closed')
        end,
      })
      """;
}
