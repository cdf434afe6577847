package dev.poststack.launcher.dev;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.DevDomain;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.Extensions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step 4: a dev team with a known API key and a verified, inbound-enabled {@code example.test},
 * made before the API opens its port, so no request ever meets a half-made dev team.
 */
final class DevBootstrapStep {
  static final String DEV_DOMAIN = "example.test";

  private final Extensions extensions;
  private final DevKeyFile keyFile;
  private final String keyFromEnv;
  private final Progress progress;

  DevBootstrapStep(Extensions extensions, Path dataDir, String keyFromEnv, Progress progress) {
    this.extensions = extensions;
    this.keyFile = new DevKeyFile(dataDir);
    this.keyFromEnv = keyFromEnv;
    this.progress = progress;
  }

  /**
   * Returns the dev API key, or empty when this build has no bootstrap (module admin) to make one.
   */
  Optional<String> run(StackEndpoints endpoints) {
    progress.begin("dev team + domain");
    Optional<DevBootstrap> bootstrap = extensions.find(DevBootstrap.class);
    if (bootstrap.isEmpty()) {
      progress.skipped(Extensions.missing(DevBootstrap.class));
      return Optional.empty();
    }
    try {
      String given = keyFromEnv != null ? keyFromEnv : keyFile.read().orElse(null);
      String key = bootstrap.get().ensureDevTeam(endpoints, given);
      keyFile.write(key);
      DevDomain domain = bootstrap.get().ensureDevDomain(endpoints, key, DEV_DOMAIN);
      progress.ready(domain.name() + " (id " + domain.id() + ", " + domain.publicId() + ")");
      return Optional.of(key);
    } catch (Exception e) {
      progress.failed();
      throw new OperatorException("dev bootstrap failed: " + e.getMessage(), e);
    }
  }
}
