package dev.imageservice.common.event;

/** A message body that is not a well-formed event: never worth redelivering. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }
}
