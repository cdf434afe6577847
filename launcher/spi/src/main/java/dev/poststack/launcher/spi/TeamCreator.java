package dev.poststack.launcher.spi;

/**
 * Operator action behind {@code poststack admin team create --name NAME}. Implemented by module
 * admin; found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.TeamCreator}, public no-argument constructor).
 */
public interface TeamCreator {

  /**
   * Creates a team and its first full-access API key.
   *
   * @throws IllegalArgumentException when the name is not acceptable; its message is shown to the
   *     operator as is
   */
  CreatedTeam createTeam(StackEndpoints stack, String name) throws Exception;

  /** The new team and its API key in plaintext, shown once. */
  record CreatedTeam(long id, String name, String apiKey) {}
}
