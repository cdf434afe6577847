package dev.poststack.agent.daemon;

import dev.poststack.agent.reconcile.Effects;
import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.SenderEntry;
import dev.poststack.renderer.hostconfig.RenderedFile;
import java.util.List;

/** What the agent tells the mail daemons after a commit or a configuration change. */
public interface DaemonControl {

  /** Postfix re-reads its configuration and drops smtpd's cached refusals. */
  void reloadPostfix();

  /**
   * Ends every open IMAP/POP3 session of one mailbox. (Its SMTP submission sessions end through the
   * login key the store renews in the same transaction as the change: Postfix has no per-user
   * kick.)
   */
  void kick(String address);

  void reload(RenderedFile.Daemon daemon);

  /**
   * rspamd's data from the store's rows: key files and the two maps it watches (never a reload).
   * Called after every commit that changed a sender grant or a DKIM key, and once at start.
   */
  default void syncSigning(List<SenderEntry> senders, List<DkimKeyEntry> dkimKeys) {}

  default void run(Effects effects) {
    if (effects.reloadPostfix()) {
      reloadPostfix();
    }
    effects.kicks().forEach(this::kick);
  }

  /** For an agent that only keeps a store (tests, a store-only host): effects are dropped. */
  static DaemonControl none() {
    return new DaemonControl() {
      @Override
      public void reloadPostfix() {}

      @Override
      public void kick(String address) {}

      @Override
      public void reload(RenderedFile.Daemon daemon) {}
    };
  }
}
