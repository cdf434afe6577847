package dev.poststack.agent.store;

/** The host store could not be read or written; the transaction, if any, was rolled back. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
