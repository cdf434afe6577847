package dev.poststack.agent.daemon;

/** A daemon command (postfix, doveadm, dovecot, openssl) failed or did not finish in time. */
public final class DaemonCommandException extends RuntimeException {
  public DaemonCommandException(String message) {
    super(message);
  }

  public DaemonCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
