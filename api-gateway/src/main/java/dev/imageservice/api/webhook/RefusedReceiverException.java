package dev.imageservice.api.webhook;

/** A receiver URL the policy refuses; the message is safe to show the tenant. */
final class RefusedReceiverException extends Exception {

  private static final long serialVersionUID = 1L;

  RefusedReceiverException(String message) {
    super(message);
  }
}
