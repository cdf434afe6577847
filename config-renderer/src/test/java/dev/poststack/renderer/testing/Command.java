package dev.poststack.renderer.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a local binary for the {@code *IT} tests; they skip when it is not installed. */
public final class Command {
  private Command() {}

  public record Result(int exitCode, String stdout, String stderr) {}

  public static boolean installed(String binary) {
    for (String dir :
        List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin")) {
      if (new File(dir, binary).canExecute()) {
        return true;
      }
    }
    return false;
  }

  public static Result run(String stdin, String... command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      File err = File.createTempFile("cmd", ".err");
      err.deleteOnExit();
      pb.redirectError(err);
      Process p = pb.start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      return new Result(p.exitValue(), out, java.nio.file.Files.readString(err.toPath()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
