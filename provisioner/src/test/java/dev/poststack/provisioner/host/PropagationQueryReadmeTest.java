package dev.poststack.provisioner.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.controlplane.propagation.PropagationSql;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The API team copies the propagation SQL from the README: it must be the one that is tested. */
class PropagationQueryReadmeTest {

  @Test
  void theReadmeShowsThePropagationQueryVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains("```sql\n" + PropagationSql.OF_OBJECT + "\n```");
  }
}
