package dev.poststack.provisioner.tx;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * The reactive counterpart of {@code TxType.MANDATORY} for writers whose rows only mean something
 * beside the state change they belong to (dedupe claim, outbox, audit): outside a transaction, a
 * claim could commit without its effect, or an outbox row without its state, so they refuse.
 */
public final class MandatoryTransaction {
  private MandatoryTransaction() {}

  /** {@code work}, if the subscriber runs it in an active transaction; else an error, unrun. */
  public static <T> Mono<T> require(String writer, Mono<T> work) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .onErrorMap(NoTransactionException.class, none -> refusal(writer))
        .flatMap(
            current -> current.isActualTransactionActive() ? work : Mono.error(refusal(writer)));
  }

  private static IllegalTransactionStateException refusal(String writer) {
    return new IllegalTransactionStateException(
        writer + " writes only inside the transaction of the change it belongs to");
  }
}
