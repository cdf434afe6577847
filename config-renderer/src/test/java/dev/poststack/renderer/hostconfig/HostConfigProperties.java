package dev.poststack.renderer.hostconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.InvalidValueException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HostConfigProperties {

  @Property(tries = 300)
  void anyAcceptedSettingsRenderTheSameBytesTwiceWithNothingUnfilled(
      @ForAll("paths") String base,
      @ForAll @IntRange(min = 1, max = 65535) int imaps,
      @ForAll @IntRange(min = 1, max = 65535) int smtp,
      @ForAll boolean any) {
    HostSettings settings;
    try {
      settings =
          HostSettings.of("mail.example.test", base)
              .withPorts(new Ports(imaps, imaps == 995 ? 996 : 995, smtp, smtp == 465 ? 466 : 465))
              .withListenAddress(any ? ListenAddress.ANY : ListenAddress.LOOPBACK);
    } catch (InvalidValueException refused) {
      assertThat(refused.field()).isIn("baseDir", "ports", "path");
      return;
    }
    List<RenderedFile> files = HostConfigRenderer.render(settings);
    assertThat(HostConfigRenderer.render(settings)).isEqualTo(files);
    for (RenderedFile f : files) {
      assertThat(f.text())
          .doesNotContain("{{")
          .doesNotContain("}}")
          .doesNotContain("..")
          .doesNotContain("\"'")
          .doesNotContain("\t")
          .doesNotContain("\r");
      assertThat(f.text().chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    }
  }

  @Property(tries = 1000)
  void anAcceptedPathIsAbsoluteAndClean(@ForAll("paths") String raw) {
    try {
      String v = new AbsolutePath(raw).value();
      assertThat(v)
          .matches("(/[A-Za-z0-9._-]+)+")
          .doesNotContain("..")
          .doesNotContain("/./")
          .doesNotEndWith("/.");
    } catch (InvalidValueException refused) {
      assertThat(refused.field()).isEqualTo("path");
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.oneOf(
        Arbitraries.of("/var/lib/poststack", "/srv/mail-1/host_a", "/tmp/x.y"),
        Arbitraries.strings()
            .withChars("/a9._-: '\"\\<>?%#\n\0ä")
            .ofMinLength(0)
            .ofMaxLength(30)
            .map(s -> "/" + s));
  }
}
