package dev.poststack.renderer.hostconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A mail host's base configuration from its settings: Dovecot's {@code dovecot.conf} and SQL file,
 * Postfix's {@code main.cf}, {@code master.cf} and {@code sqlite:} maps. Same settings, same bytes;
 * the files are sorted by name and named relative to {@link HostLayout#configDir()}.
 */
public final class HostConfigRenderer {
  private HostConfigRenderer() {}

  public static List<RenderedFile> render(HostSettings settings) {
    List<RenderedFile> files = new ArrayList<>();
    files.add(DovecotConfig.dovecotConf(settings));
    files.add(DovecotConfig.sqlConf(settings));
    files.addAll(ActivityConfig.render(settings));
    files.add(PostfixConfig.mainCf(settings));
    files.add(PostfixConfig.masterCf(settings));
    files.addAll(PostfixMaps.render(settings));
    files.addAll(RspamdConfig.render(settings));
    Collections.sort(files);
    return List.copyOf(files);
  }
}
