package dev.poststack.agent.reconcile;

import dev.poststack.values.address.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the daemons must be told after a commit, because they cache what the store cannot change for
 * them: Postfix's smtpd keeps a refusal for a domain it did not know (so a changed domain set means
 * {@code postfix reload}), and open IMAP/POP3 sessions outlive a suspension, a deletion or a new
 * password (so those mailboxes are kicked). Every effect is idempotent, so repeating one after a
 * crash is harmless.
 */
public record Effects(boolean reloadPostfix, SortedSet<String> kicks) {
  public static final Effects NONE = new Effects(false, new TreeSet<>());

  public Effects {
    kicks = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(kicks));
    kicks.forEach(EmailAddress::parse); // only addresses ever reach a doveadm command line
  }

  public boolean isEmpty() {
    return !reloadPostfix && kicks.isEmpty();
  }

  public Effects plus(Effects other) {
    TreeSet<String> all = new TreeSet<>(kicks);
    all.addAll(other.kicks);
    return new Effects(reloadPostfix || other.reloadPostfix, all);
  }

  /** What is left to run once {@code done} ran. */
  public Effects minus(Effects done) {
    TreeSet<String> left = new TreeSet<>(kicks);
    left.removeAll(done.kicks);
    return new Effects(reloadPostfix && !done.reloadPostfix, left);
  }

  /**
   * One line for the store's {@code meta} row, so effects survive a crash between commit and run.
   */
  public String encode() {
    List<String> words = new ArrayList<>();
    if (reloadPostfix) {
      words.add("reload-postfix");
    }
    kicks.forEach(a -> words.add("kick:" + a));
    return String.join(" ", words);
  }

  public static Effects decode(String line) {
    boolean reload = false;
    TreeSet<String> kicks = new TreeSet<>();
    for (String word : line.trim().split(" +")) {
      if (word.equals("reload-postfix")) {
        reload = true;
      } else if (word.startsWith("kick:")) {
        kicks.add(word.substring("kick:".length()));
      } else if (!word.isEmpty()) {
        throw new IllegalArgumentException("unknown pending effect '" + word + "'");
      }
    }
    return new Effects(reload, kicks);
  }
}
