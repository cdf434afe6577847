package dev.poststack.agent.store;

import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Effects;
import dev.poststack.agent.reconcile.EntryStore;
import dev.poststack.agent.reconcile.StoreAction;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostStore;
import dev.poststack.renderer.host.MailboxEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * The mail host's lookup store (SQLite), through the agent's ONE long-lived writer connection.
 *
 * <p>Opening and closing connections next to Postfix kills new Postfix processes ("database is
 * locked", its sqlite client has no busy handler), so this object lives as long as the agent and
 * caches its statements. The connection stays in autocommit mode and every write runs between an
 * explicit {@code BEGIN IMMEDIATE} and {@code COMMIT}: a JDBC-managed transaction would leave a
 * transaction open between bursts and keep WAL checkpoints from ever resetting the log.
 */
public final class LocalHostStore implements EntryStore, AutoCloseable {
  static final String PENDING_EFFECTS = "pending_effects";
  static final String CAUGHT_UP_AT = "caught_up_at";
  static final String RESYNC_REQUEST_HANDLED = "resync_request_handled";

  private final Path file;
  private final Connection connection;
  private final Map<EntryKind, PreparedStatement> selects = new EnumMap<>(EntryKind.class);
  private final Map<EntryKind, PreparedStatement> upserts = new EnumMap<>(EntryKind.class);
  private final Map<EntryKind, PreparedStatement> deletes = new EnumMap<>(EntryKind.class);
  private PreparedStatement renewLoginKey;
  private PreparedStatement insertMailbox;
  private PreparedStatement upsertPosition;
  private PreparedStatement updateHash;
  private PreparedStatement selectHash;
  private boolean inTransaction;

  /**
   * Effects that ran since the stored pending row was last written. The next transaction that
   * writes the row (the next burst) takes them out of it, so a kick costs no commit of its own;
   * {@link #flushRanEffects} does it when no burst comes.
   */
  private Effects ranSinceWrite = Effects.NONE;

  /** Whether the open transaction took {@link #ranSinceWrite} out of the stored row. */
  private boolean foldsRan;

  private LocalHostStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating when absent) the store: WAL, the schema, a busy timeout for our own writes. */
  public static LocalHostStore open(Path file, Durability durability) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        durability == Durability.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    // only our own checkpoints can contend with us; readers never block a WAL writer
    config.setBusyTimeout(5000);
    try {
      Connection c = config.createConnection("jdbc:sqlite:" + file);
      LocalHostStore store = new LocalHostStore(file, c);
      store.createSchema();
      store.prepare();
      return store;
    } catch (SQLException e) {
      throw new StoreException("cannot open the host store " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  private void createSchema() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(HostStore.JOURNAL_MODE);
    }
    transaction(
        () -> {
          try (Statement s = connection.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
              version = rs.getInt(1);
            }
            for (String upgrade : HostStore.upgradeFrom(version)) {
              s.execute(upgrade);
            }
            for (String ddl : HostStore.DDL) {
              s.execute(ddl);
            }
          }
          return null;
        });
  }

  /**
   * Whether the store file was written by an older schema, read from the SQLite header ({@code
   * user_version}, 4 bytes big-endian at offset 60) without opening a connection: the mail host
   * upgrades the store before it renders queries that need the new schema, and a connection opened
   * and closed next to running daemons can kill a new Postfix process. The header can only lag (the
   * last change still in the WAL), so the worst case is one needless open.
   */
  public static boolean needsUpgrade(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(4);
      if (ch.read(header, 60) < 4) {
        return true; // not even a header yet: let open() create the schema
      }
      return header.flip().getInt() < HostStore.SCHEMA_VERSION;
    } catch (IOException e) {
      throw new StoreException("cannot read the header of " + file + ": " + e.getMessage(), e);
    }
  }

  private void prepare() throws SQLException {
    for (EntryKind kind : EntryKind.values()) {
      selects.put(kind, connection.prepareStatement(HostStore.selectSql(kind)));
      upserts.put(kind, connection.prepareStatement(HostStore.upsertSql(kind)));
      deletes.put(kind, connection.prepareStatement(HostStore.deleteSql(kind)));
    }
    renewLoginKey = connection.prepareStatement(HostStore.RENEW_LOGIN_KEY_SQL);
    insertMailbox = connection.prepareStatement(HostStore.insertMailboxWithNewLoginKeySql());
    upsertPosition = connection.prepareStatement(HostStore.UPSERT_POSITION_SQL);
    updateHash = connection.prepareStatement(HostStore.UPDATE_CONTENT_HASH_SQL);
    selectHash = connection.prepareStatement(HostStore.SELECT_CONTENT_HASH_SQL);
  }

  /** Work that runs inside one transaction of the store. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  @Override
  public synchronized ApplyPlan applyInOneTransaction(
      Collection<EntryKey> keys, String topic, Function<Actual, ApplyPlan> decide) {
    return transaction(
        () -> {
          ApplyPlan plan = decide.apply(new Actual(rows(keys), contentHash()));
          write(plan, topic);
          return plan;
        });
  }

  @Override
  public synchronized ApplyPlan replaceAllInOneTransaction(
      String topic, Function<Actual, ApplyPlan> decide) {
    return transaction(
        () -> {
          Map<EntryKey, HostEntry> all = new HashMap<>();
          for (HostEntry e : allEntries()) {
            all.put(e.key(), e);
          }
          ApplyPlan plan = decide.apply(new Actual(all, contentHash()));
          write(plan, topic);
          return plan;
        });
  }

  /**
   * When the agent last read to the end of the host-entries topic: a later start compares it with
   * the topic's tombstone retention (a full resync when it is older).
   */
  public synchronized void markCaughtUp(Instant at) {
    setInstant(CAUGHT_UP_AT, at);
  }

  /** The control plane's latest resync request this host handled (followed or found moot). */
  public synchronized void markResyncRequestHandled(Instant requestedAt) {
    setInstant(RESYNC_REQUEST_HANDLED, requestedAt);
  }

  public synchronized Optional<Instant> resyncRequestHandled() {
    return instant(RESYNC_REQUEST_HANDLED);
  }

  public synchronized Optional<Instant> caughtUpAt() {
    return instant(CAUGHT_UP_AT);
  }

  /** One {@code meta} row holding an instant, written in a transaction of its own. */
  private void setInstant(String name, Instant at) {
    transaction(
        () -> {
          setMeta(name, at.toString());
          return null;
        });
  }

  private Optional<Instant> instant(String name) {
    return Optional.ofNullable(singleOrNull("SELECT value FROM meta WHERE name = '" + name + "'"))
        .map(Instant::parse);
  }

  /** Sets (or with {@code null} removes) one {@code meta} row; only inside a transaction. */
  private void setMeta(String name, String value) throws SQLException {
    if (value == null) {
      try (PreparedStatement p = connection.prepareStatement("DELETE FROM meta WHERE name = ?")) {
        p.setString(1, name);
        p.executeUpdate();
      }
      return;
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value ="
                + " excluded.value")) {
      p.setString(1, name);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  /**
   * Runs {@code work} as one {@code BEGIN IMMEDIATE … COMMIT}; any failure rolls all of it back.
   */
  synchronized <T> T transaction(Work<T> work) {
    if (inTransaction) {
      throw new IllegalStateException("transactions do not nest");
    }
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      inTransaction = true;
      try {
        T result = work.run();
        s.execute("COMMIT");
        if (foldsRan) {
          ranSinceWrite = Effects.NONE;
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(s, e);
        throw e;
      } finally {
        inTransaction = false;
        foldsRan = false;
      }
    } catch (SQLException e) {
      throw new StoreException("host store transaction failed: " + e.getMessage(), e);
    }
  }

  private static void rollback(Statement s, Exception cause) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException again) {
      cause.addSuppressed(again);
    }
  }

  /** The stored rows of the given keys; a key without a row is absent from the map. */
  synchronized Map<EntryKey, HostEntry> rows(Collection<EntryKey> keys) {
    Map<EntryKey, HostEntry> rows = new HashMap<>();
    try {
      for (EntryKey key : keys) {
        PreparedStatement select = selects.get(key.kind());
        select.setString(1, key.name());
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            rows.put(key, decode(key.kind(), rs));
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException("cannot read host store rows: " + e.getMessage(), e);
    }
  }

  private static HostEntry decode(EntryKind kind, ResultSet rs) throws SQLException {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i <= kind.columns().size(); i++) {
      Object v = rs.getObject(i);
      values.add(v instanceof Integer n ? Long.valueOf(n) : v);
    }
    return EntryCodec.fromRow(kind, values);
  }

  /**
   * Writes a plan's rows, positions, content hash and pending effects; only inside {@link
   * #transaction}.
   */
  synchronized void write(ApplyPlan plan, String topic) throws SQLException {
    if (!inTransaction) {
      throw new IllegalStateException("write only inside a transaction");
    }
    Batch batch = new Batch();
    for (StoreAction action : plan.actions()) {
      if (action instanceof StoreAction.Delete d) {
        batch.add(deletes.get(d.key().kind()), List.of(d.key().name()));
      } else if (action instanceof StoreAction.Insert i && i.entry() instanceof MailboxEntry) {
        batch.add(insertMailbox, i.entry().columnValues());
        continue; // its login key is written by the same statement
      } else {
        HostEntry entry =
            action instanceof StoreAction.Insert i
                ? i.entry()
                : ((StoreAction.Update) action).entry();
        batch.add(upserts.get(entry.kind()), entry.columnValues());
      }
      if (action.renewsLoginKey()) {
        batch.add(renewLoginKey, List.of(action.key().name()));
      }
    }
    batch.flush();
    for (Map.Entry<Integer, Long> pos : plan.positions().entrySet()) {
      upsertPosition.setString(1, topic);
      upsertPosition.setInt(2, pos.getKey());
      upsertPosition.setLong(3, pos.getValue());
      upsertPosition.executeUpdate();
    }
    if (!plan.hashAfter().equals(plan.hashBefore())) {
      updateHash.setString(1, plan.hashAfter().hex());
      updateHash.executeUpdate();
    }
    if (!plan.effects().isEmpty() || !ranSinceWrite.isEmpty()) {
      foldPendingEffects(plan.effects());
    }
  }

  /**
   * Runs a plan's statements in order, sending runs of the same statement to SQLite as one batch:
   * one call into the driver per run instead of one per row (a new host writes a million rows).
   */
  private static final class Batch {
    private static final int MAX = 10_000;
    private PreparedStatement open;
    private int size;

    void add(PreparedStatement statement, List<Object> values) throws SQLException {
      if (statement != open || size >= MAX) {
        flush();
        open = statement;
      }
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      statement.addBatch();
      size++;
    }

    void flush() throws SQLException {
      if (open != null && size > 0) {
        open.executeBatch();
      }
      size = 0;
    }
  }

  /** The next offset to read per partition of {@code topic}; empty for a new store. */
  public synchronized Map<Integer, Long> positions(String topic) {
    Map<Integer, Long> positions = new TreeMap<>();
    try (PreparedStatement p = connection.prepareStatement(HostStore.SELECT_POSITIONS_SQL);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(1).equals(topic)) {
          positions.put(rs.getInt(2), rs.getLong(3));
        }
      }
      return positions;
    } catch (SQLException e) {
      throw new StoreException("cannot read positions: " + e.getMessage(), e);
    }
  }

  public synchronized ContentHash contentHash() {
    try (ResultSet rs = selectHash.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException("the store has no content hash row", null);
      }
      return ContentHash.parse(rs.getString(1));
    } catch (SQLException e) {
      throw new StoreException("cannot read the content hash: " + e.getMessage(), e);
    }
  }

  public synchronized long entryCount() {
    long n = 0;
    for (EntryKind kind : EntryKind.values()) {
      n += Long.parseLong(single("SELECT count(*) FROM " + kind.table()));
    }
    return n;
  }

  /** Every row, decoded: recomputing the hash from the rows, checks and tests. */
  public synchronized List<HostEntry> allEntries() {
    List<HostEntry> all = new ArrayList<>();
    for (EntryKind kind : EntryKind.values()) {
      try (PreparedStatement p = connection.prepareStatement(HostStore.selectAllSql(kind));
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          all.add(decode(kind, rs));
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read " + kind.table() + ": " + e.getMessage(), e);
      }
    }
    return all;
  }

  /** The rows of one kind, decoded (rspamd's maps need the senders and DKIM keys). */
  public synchronized List<HostEntry> entries(EntryKind kind) {
    List<HostEntry> rows = new ArrayList<>();
    try (PreparedStatement p = connection.prepareStatement(HostStore.selectAllSql(kind));
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        rows.add(decode(kind, rs));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read " + kind.table() + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /**
   * Daemon effects committed but not yet run (a crash between commit and run, a postfix reload held
   * by its window): the stored row less what ran since it was written.
   */
  public synchronized Effects pendingEffects() {
    return storedPendingEffects().minus(ranSinceWrite);
  }

  private Effects storedPendingEffects() {
    String v = singleOrNull("SELECT value FROM meta WHERE name = '" + PENDING_EFFECTS + "'");
    return v == null ? Effects.NONE : Effects.decode(v);
  }

  /**
   * After some effects ran: noted here, and taken out of the stored row by the next transaction
   * that writes it (the next burst's), so a kick costs no commit of its own. A crash before that
   * runs them once more at the next start; every effect is idempotent. Called from the thread that
   * writes bursts, so no burst adds an effect between running these and noting them.
   */
  public synchronized void effectsRan(Effects done) {
    ranSinceWrite = ranSinceWrite.plus(done);
  }

  /**
   * Writes down what {@link #effectsRan} noted when no burst did: one tiny transaction, run while
   * the agent is idle and before it stops.
   */
  public synchronized void flushRanEffects() {
    if (ranSinceWrite.isEmpty()) {
      return;
    }
    transaction(
        () -> {
          foldPendingEffects(Effects.NONE);
          return null;
        });
  }

  /**
   * Rewrites the stored pending row as it is, less what ran since it was written, plus {@code
   * added}; only inside a transaction, whose commit then forgets what ran. Ran effects leave first:
   * a mailbox kicked again by {@code added} stays pending.
   */
  private void foldPendingEffects(Effects added) throws SQLException {
    Effects stored = storedPendingEffects();
    Effects next = stored.minus(ranSinceWrite).plus(added);
    if (!next.equals(stored)) {
      setMeta(PENDING_EFFECTS, next.isEmpty() ? null : next.encode());
    }
    foldsRan = true;
  }

  /**
   * Folds the WAL back into the file and truncates it; run when idle (a big burst leaves it large).
   */
  public synchronized void checkpoint() {
    if (inTransaction) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new StoreException("checkpoint failed: " + e.getMessage(), e);
    }
  }

  private String single(String sql) {
    String v = singleOrNull(sql);
    if (v == null) {
      throw new StoreException("no row for " + sql, null);
    }
    return v;
  }

  private String singleOrNull(String sql) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new StoreException("cannot read the host store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the host store: " + e.getMessage(), e);
    }
  }
}
