package dev.poststack.launcher.spi;

/**
 * The key behind {@code poststack admin import FILE --team T}: the operator's import runs through
 * the team's own public API ({@code POST /mailboxes/import}), with a full-access key minted for the
 * run, named so the audit log shows who imported, and revoked when the run ends. Implemented by
 * module admin; found with {@link java.util.ServiceLoader}.
 */
public interface ImportKeys {

  /**
   * A new full-access key of the team, for one import.
   *
   * @throws java.util.NoSuchElementException when no team has that id or name (shown as is)
   */
  ImportKey mint(StackEndpoints stack, String team) throws Exception;

  /** Revokes the run's key; revoking it twice does nothing. */
  void revoke(StackEndpoints stack, long keyId) throws Exception;

  /** The team and the run's key, in plaintext only in this process. */
  record ImportKey(long teamId, String teamName, long keyId, String apiKey) {
    @Override
    public String toString() {
      return "ImportKey[team " + teamId + ", key " + keyId + "]";
    }
  }
}
