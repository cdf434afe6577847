package dev.poststack.agent.mailhost;

import dev.poststack.agent.signing.SigningFiles;
import dev.poststack.renderer.hostconfig.HostSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Owners and modes the daemons need (measured in the lab): the store directory {@code 2770
 * root:postfix} and the store {@code 0660}, because readers must create {@code -wal}/{@code -shm}
 * when no other connection holds them (Dovecot's auth-worker runs as dovecot with {@code
 * extra_groups = postfix}); the mail root owned by the vmail uid, which needs no account.
 */
final class HostFiles {
  static final String STORE_GROUP = "postfix";

  private HostFiles() {}

  static void prepare(HostSettings s) {
    var l = s.layout();
    requireReachable(Path.of(s.baseDir().value()).getParent());
    try {
      for (var dir : l.directories()) {
        Files.createDirectories(Path.of(dir.value()));
      }
      // every daemon user walks through these to its sockets, the store and the mail root
      for (var dir :
          java.util.List.of(
              s.baseDir(),
              l.configDir(),
              l.logDir(),
              l.dovecotRunDir().parent(),
              l.dovecotStateDir().parent())) {
        mode(Path.of(dir.value()), 0755);
      }
      Files.createDirectories(Path.of(s.tlsCertPath().value()).getParent());
      Files.createDirectories(Path.of(s.tlsKeyPath().value()).getParent());
      Path mailRoot = Path.of(s.mailRoot().value());
      Files.setAttribute(mailRoot, "unix:uid", s.vmailUid());
      Files.setAttribute(mailRoot, "unix:gid", s.vmailGid());
      mode(mailRoot, 0770);
      Path postfixData = Path.of(l.postfixDataDir().value());
      Files.setOwner(
          postfixData,
          postfixData
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName("postfix"));
      mode(postfixData, 0700);
      storeGroup(Path.of(l.storeDir().value()), 02770);
      // the activity store: Dovecot's dict server and auth workers run as dovecot and create the
      // -wal/-shm files there, which inherit the group through the setgid bit
      group(Path.of(l.activityDir().value()), ACTIVITY_GROUP, 02770);
      // rspamd: its cache is its own; only Postfix (and root) reach the milter socket; keys and
      // maps are root's, readable by rspamd's group alone
      Path rspamdDb = Path.of(l.rspamdDbDir().value());
      var users = rspamdDb.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(rspamdDb, users.lookupPrincipalByName(SigningFiles.READER_GROUP));
      Files.getFileAttributeView(rspamdDb, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setGroup(users.lookupPrincipalByGroupName(SigningFiles.READER_GROUP));
      mode(rspamdDb, 0750);
      Path rspamdRun = Path.of(l.rspamdRunDir().value());
      Files.getFileAttributeView(rspamdRun, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setGroup(users.lookupPrincipalByGroupName(STORE_GROUP));
      mode(rspamdRun, 0750);
      SigningFiles.directory(Path.of(l.rspamdMapsDir().value()));
      SigningFiles.directory(Path.of(l.dkimKeyDir().value()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the mail host's directories under " + s.baseDir(), e);
    }
  }

  /**
   * The daemons run as postfix, dovecot and the vmail uid: each must be able to walk down to the
   * base directory, so every directory above it needs the search bit for others (a 0700 temp or
   * home directory silently breaks delivery and logins otherwise).
   */
  private static void requireReachable(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      try {
        if (Files.exists(d)
            && !Files.getPosixFilePermissions(d)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          throw new MailHostException(
              "the mail daemons cannot reach "
                  + d
                  + " (no search permission for others); choose a mail host directory"
                  + " (POSTSTACK_MAILHOST_DIR, --mailhost-dir) below world-searchable directories,"
                  + " or chmod o+x "
                  + d);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The store and any WAL files: group postfix, 0660, so every reader can open and share them. */
  static void storeFile(Path store) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Path f = store.resolveSibling(store.getFileName() + suffix);
        if (Files.exists(f)) {
          storeGroup(f, 0660);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the store's owner and mode: " + store, e);
    }
  }

  /** The activity store and its WAL files: group dovecot, 0660 (lab: 0640 is read-only). */
  static void activityFile(Path store) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Path f = store.resolveSibling(store.getFileName() + suffix);
        if (Files.exists(f)) {
          group(f, ACTIVITY_GROUP, 0660);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the activity store's owner and mode: " + store, e);
    }
  }

  static final String ACTIVITY_GROUP = "dovecot";

  private static void group(Path p, String name, int mode) throws IOException {
    GroupPrincipal group =
        p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setGroup(group);
    mode(p, mode);
  }

  private static void storeGroup(Path p, int mode) throws IOException {
    GroupPrincipal group =
        p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(STORE_GROUP);
    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setGroup(group);
    mode(p, mode);
  }

  /** chmod including the setgid bit, which PosixFilePermission cannot express. */
  private static void mode(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode);
  }
}
