package dev.poststack.renderer.hostconfig;

import java.util.Map;

/** {@code main.cf} and {@code master.cf} for one private Postfix instance. */
final class PostfixConfig {
  private PostfixConfig() {}

  static RenderedFile mainCf(HostSettings s) {
    HostLayout l = s.layout();
    String maps = "proxy:sqlite:" + l.postfixConfigDir().value() + "/";
    return RenderedFile.of(
        "postfix/main.cf",
        Template.fill(
            MAIN,
            Map.ofEntries(
                Map.entry("QUEUE_DIR", l.postfixQueueDir().value()),
                Map.entry("DATA_DIR", l.postfixDataDir().value()),
                Map.entry("HOSTNAME", s.hostname().value()),
                Map.entry("INTERFACES", interfaces(s.listenAddress())),
                Map.entry("LOG_DIR", l.logDir().value()),
                Map.entry("INSTANCE", s.instanceName().value()),
                Map.entry("OUTBOUND", s.outboundDelivery() ? OUTBOUND_ON : OUTBOUND_OFF),
                Map.entry("ROUTES", routes(s)),
                Map.entry("OWN_HOSTS", ownHosts(s)),
                Map.entry("MAPS", maps),
                Map.entry("RUN_DIR", l.dovecotRunDir().value()),
                Map.entry("CERT", s.tlsCertPath().value()),
                Map.entry("KEY", s.tlsKeyPath().value()))));
  }

  /**
   * Postfix refuses an {@code inet_interfaces} address no interface carries ("no local interface
   * found"), and a loopback address other than 127.0.0.1 (127.0.1.2: the second host of a cluster
   * on one machine) is routed to {@code lo} without being one of its addresses. Such a host names
   * the loopback interface here; master.cf still binds its listeners to its own address only.
   */
  static String interfaces(ListenAddress listen) {
    if (listen.isAny()) {
      return "all";
    }
    return listen.isLoopback() && !listen.equals(ListenAddress.LOOPBACK)
        ? "loopback-only"
        : listen.value();
  }

  static RenderedFile masterCf(HostSettings s) {
    String address = s.listenAddress().isAny() ? "" : s.listenAddress().value() + ":";
    return RenderedFile.of(
        "postfix/master.cf",
        Template.fill(
            MASTER,
            Map.of(
                "SMTP",
                address + s.ports().smtp(),
                "SUBMISSIONS",
                address + s.ports().submissions(),
                "INSTANCE",
                s.instanceName().value(),
                "MILTER",
                s.layout().rspamdMilterSocket().value())));
  }

  private static String ownHosts(HostSettings s) {
    return String.join(" ", s.ownHosts().stream().map(h -> h.value() + "/32").toList());
  }

  /** {@code inline:} keeps the routes in main.cf, so they change with it and need no map file. */
  private static String routes(HostSettings s) {
    if (s.routes().isEmpty()) {
      return "";
    }
    return "# fixed next hops (no MX lookup), used even when outbound mail is off\n"
        + "transport_maps = inline:{ "
        + String.join(
            ", ", s.routes().stream().map(r -> r.domain().value() + "=" + r.nextHop()).toList())
        + " }\n";
  }

  private static final String OUTBOUND_ON = "smtp_tls_security_level = may\n";
  private static final String OUTBOUND_OFF =
      """
      # a dev or test host: mail for other domains is refused, never sent to the internet
      default_transport = error:outbound mail is disabled on this host
      relay_transport = error:outbound mail is disabled on this host
      """;

  private static final String MAIN =
      """
      # Rendered by config-renderer from the host settings; the reload agent replaces it.
      compatibility_level = 3.6
      queue_directory = {{QUEUE_DIR}}
      data_directory = {{DATA_DIR}}
      mail_owner = postfix
      setgid_group = postdrop
      myhostname = {{HOSTNAME}}
      myorigin = $myhostname
      # every hosted domain is virtual: nothing is delivered to local Unix accounts
      mydestination =
      local_recipient_maps =
      alias_maps =
      alias_database =
      # the platform's own mail hosts: the only port-25 clients that may use a hosted domain in
      # the envelope sender (see smtpd_sender_restrictions)
      mynetworks = {{OWN_HOSTS}}
      inet_interfaces = {{INTERFACES}}
      inet_protocols = ipv4
      biff = no
      append_dot_mydomain = no
      # addresses are ASCII (the renderer refuses anything else)
      smtputf8_enable = no
      # no syslog on a mail host container: postlogd writes this file (see master.cf)
      maillog_file = {{LOG_DIR}}/postfix.log
      maillog_file_prefixes = {{LOG_DIR}}
      syslog_name = postfix-{{INSTANCE}}
      {{OUTBOUND}}
      {{ROUTES}}
      # the host store, read on every lookup through proxymap: its long-lived processes keep the
      # SQLite file open, and a failing lookup is retried instead of killing smtpd
      virtual_mailbox_domains = {{MAPS}}sqlite-vdomains.cf
      virtual_mailbox_maps = {{MAPS}}sqlite-vmailboxes.cf
      # box+tag@domain reaches box@domain (the lookups try the full address first); the +tag
      # address goes on to LMTP as the recipient, so the delivery record can name the tag
      recipient_delimiter = +
      virtual_alias_maps = {{MAPS}}sqlite-valiases.cf
      smtpd_sender_login_maps = {{MAPS}}sqlite-senders.cf
      virtual_transport = lmtp:unix:{{RUN_DIR}}/lmtp
      # submissions (master.cf): Dovecot gives Postfix the SASL login address/login_key, and the
      # agent renews the key when the mailbox is suspended, deleted or given a new password. This
      # map answers 421 for a login that is no longer current, and Postfix disconnects after a
      # 421, so an open session cannot send again: checked at RCPT (sender restrictions are
      # evaluated there) and at the end of DATA.
      submission_stale_login_maps = {{MAPS}}sqlite-stale-logins.cf
      submission_sender_restrictions = check_sasl_access $submission_stale_login_maps,
          reject_sender_login_mismatch
      submission_end_of_data_restrictions = check_sasl_access $submission_stale_login_maps
      # proxymap serves only the maps listed here; its default names main.cf's restrictions, not
      # the ones master.cf gives the submissions service
      proxy_read_maps = $virtual_mailbox_domains $virtual_mailbox_maps $virtual_alias_maps
          $smtpd_sender_login_maps $submission_stale_login_maps $hosted_sender_maps
      # port 25: mail whose envelope sender is in a hosted domain comes through submissions (465)
      # or from one of our own hosts, never from elsewhere (the submissions service overrides this)
      hosted_sender_maps = {{MAPS}}sqlite-hosted-senders.cf
      smtpd_sender_restrictions = permit_mynetworks, check_sender_access $hosted_sender_maps
      # submissions: rspamd (master.cf) checks the header From and signs; when it does not answer
      # the message is deferred (4xx), never sent unchecked or unsigned
      milter_protocol = 6
      milter_default_action = tempfail

      smtpd_tls_cert_file = {{CERT}}
      smtpd_tls_key_file = {{KEY}}
      smtpd_tls_security_level = may
      smtpd_sasl_type = dovecot
      smtpd_sasl_path = {{RUN_DIR}}/auth-postfix
      # only the submissions service (master.cf) offers AUTH
      smtpd_sasl_auth_enable = no
      smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
      # a message over quota is refused at RCPT by Dovecot's quota-status, not bounced after DATA
      smtpd_recipient_restrictions = reject_unlisted_recipient,
          check_policy_service unix:{{RUN_DIR}}/quota-status
      message_size_limit = 26214400
      # the flow-control delay only slows senders while the queue manager catches up; here it made
      # every transaction after RCPT-only probes wait exactly 1 s
      in_flow_delay = 0
      """;

  private static final String MASTER =
      """
      # Rendered by config-renderer from the host settings; the reload agent replaces it.
      # chroot = n everywhere: the private instance uses absolute socket paths outside the spool.
      # service type  private unpriv  chroot  wakeup  maxproc command + args
      {{SMTP}} inet n - n - - smtpd
      {{SUBMISSIONS}} inet n - n - - smtpd
        -o syslog_name=postfix-{{INSTANCE}}/submissions
        -o smtpd_tls_wrappermode=yes
        -o smtpd_tls_security_level=encrypt
        -o smtpd_sasl_auth_enable=yes
        -o smtpd_tls_auth_only=yes
        -o smtpd_client_restrictions=permit_sasl_authenticated,reject
        -o smtpd_sender_restrictions=$submission_sender_restrictions
        -o smtpd_end_of_data_restrictions=$submission_end_of_data_restrictions
        -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
        -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
        -o smtpd_milters=unix:{{MILTER}}
      pickup    unix  n       -       n       60      1       pickup
      cleanup   unix  n       -       n       -       0       cleanup
      qmgr      unix  n       -       n       300     1       qmgr
      tlsmgr    unix  -       -       n       1000?   1       tlsmgr
      rewrite   unix  -       -       n       -       -       trivial-rewrite
      bounce    unix  -       -       n       -       0       bounce
      defer     unix  -       -       n       -       0       bounce
      trace     unix  -       -       n       -       0       bounce
      verify    unix  -       -       n       -       1       verify
      flush     unix  n       -       n       1000?   0       flush
      proxymap  unix  -       -       n       -       -       proxymap
      proxywrite unix -       -       n       -       1       proxymap
      smtp      unix  -       -       n       -       -       smtp
      relay     unix  -       -       n       -       -       smtp
      showq     unix  n       -       n       -       -       showq
      error     unix  -       -       n       -       -       error
      retry     unix  -       -       n       -       -       error
      discard   unix  -       -       n       -       -       discard
      lmtp      unix  -       -       n       -       -       lmtp
      anvil     unix  -       -       n       -       1       anvil
      scache    unix  -       -       n       -       1       scache
      postlog   unix-dgram n  -       n       -       1       postlogd
      """;
}
