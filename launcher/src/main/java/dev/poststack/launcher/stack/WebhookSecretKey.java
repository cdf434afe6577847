package dev.poststack.launcher.stack;

/**
 * The key the API seals webhook signing secrets with: {@code POSTSTACK_WEBHOOK_SECRET_KEY} (base64
 * of 32 bytes) when set, else the data directory's {@code webhook-secret.key}, made once (mode
 * 0600) so the secrets of webhooks made before a restart still open after it.
 */
public final class WebhookSecretKey {
  public static final String VARIABLE = "POSTSTACK_WEBHOOK_SECRET_KEY";
  public static final String FILE = "webhook-secret.key";

  private WebhookSecretKey() {}

  /** The key's base64 text, checked; never printed. */
  public static String resolve(LauncherEnv env) {
    return DataDirKey.resolve(env.variables(), env.dataDir(), VARIABLE, FILE);
  }
}
