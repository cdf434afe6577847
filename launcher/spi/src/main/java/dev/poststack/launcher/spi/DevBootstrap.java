package dev.poststack.launcher.spi;

/**
 * Gives a freshly started dev stack a team to call the API with, so {@code poststack dev} ends by
 * printing a working API key. Implemented by module admin; found with {@link
 * java.util.ServiceLoader} (file {@code META-INF/services/dev.poststack.launcher.spi.DevBootstrap},
 * public no-argument constructor). Called after the API and the provisioner are up, on every start:
 * every method must be idempotent.
 */
public interface DevBootstrap {

  /**
   * Makes sure the dev team exists and owns {@code apiKeyOrNull} as a full-access key.
   *
   * @param apiKeyOrNull the key to register (from {@code POSTSTACK_DEV_API_KEY} or the one the
   *     launcher kept from an earlier start); {@code null} asks for a new random key
   * @return the plaintext key now valid for the dev team; the launcher keeps it in its data
   *     directory and passes it back on the next start, since only a hash is stored
   */
  String ensureDevTeam(StackEndpoints stack, String apiKeyOrNull) throws Exception;

  /**
   * Makes sure the team of {@code apiKey} owns the domain {@code name}, verified and with inbound
   * enabled, so mailboxes can be created on it straight away.
   */
  DevDomain ensureDevDomain(StackEndpoints stack, String apiKey, String name) throws Exception;

  /**
   * Makes sure {@code email} is an active dashboard member of the team of {@code apiKey} whose
   * password is {@code passwordOrNull}, so the sign-in the summary prints always works.
   *
   * @param passwordOrNull the password to hold (from {@code POSTSTACK_DEV_MEMBER_PASSWORD} or the
   *     one the launcher kept from an earlier start); {@code null} asks for a new random one
   * @return the password now valid for the member; the launcher keeps it in its data directory and
   *     passes it back on the next start, since only a hash is stored
   * @throws IllegalArgumentException for a bad address or password
   */
  String ensureDevMember(StackEndpoints stack, String apiKey, String email, String passwordOrNull)
      throws Exception;
}
