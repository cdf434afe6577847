package dev.poststack.launcher.dev;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.DevDomain;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import java.util.Optional;

/**
 * Step 4: a dev team with a known API key, a verified, inbound-enabled {@code example.test} and a
 * dashboard member with a known password, made before the API opens its port, so no request ever
 * meets a half-made dev team.
 */
final class DevBootstrapStep {
  static final String DEV_DOMAIN = "example.test";

  private final Extensions extensions;
  private final DevSecretFile keyFile;
  private final DevSecretFile passwordFile;
  private final LauncherEnv settings;
  private final Progress progress;

  DevBootstrapStep(Extensions extensions, LauncherEnv settings, Progress progress) {
    this.extensions = extensions;
    this.keyFile = new DevSecretFile(settings.dataDir(), DevSecretFile.API_KEY);
    this.passwordFile = new DevSecretFile(settings.dataDir(), DevSecretFile.MEMBER_PASSWORD);
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Returns the dev API key and member, or empty when this build has no bootstrap (module admin) to
   * make them.
   */
  Optional<DevAccess> run(StackEndpoints endpoints) {
    progress.begin("dev team + domain");
    Optional<DevBootstrap> bootstrap = extensions.find(DevBootstrap.class);
    if (bootstrap.isEmpty()) {
      progress.skipped(Extensions.missing(DevBootstrap.class));
      return Optional.empty();
    }
    try {
      String givenKey =
          settings.devApiKey() != null ? settings.devApiKey() : keyFile.read().orElse(null);
      String key = bootstrap.get().ensureDevTeam(endpoints, givenKey);
      keyFile.write(key);
      DevDomain domain = bootstrap.get().ensureDevDomain(endpoints, key, DEV_DOMAIN);
      // the setting wins; else the one kept from an earlier start, so the printed one stays valid
      String givenPassword =
          settings.devMemberPassword() != null
              ? settings.devMemberPassword()
              : passwordFile.read().orElse(null);
      String email = settings.devMemberEmail();
      String password = bootstrap.get().ensureDevMember(endpoints, key, email, givenPassword);
      passwordFile.write(password);
      progress.ready(domain.name() + " (id " + domain.id() + ", " + domain.publicId() + ")");
      return Optional.of(new DevAccess(key, email, password));
    } catch (Exception e) {
      progress.failed();
      throw new OperatorException("dev bootstrap failed: " + e.getMessage(), e);
    }
  }
}
