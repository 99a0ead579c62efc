package dev.imageservice.worker.render.codec;

/**
 * libheif refused a file. Permanent: the same bytes fail the same way.
 *
 * @see NativeCodecs#decodeHeif
 */
public final class HeifDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean securityLimit;

  HeifDecodeException(boolean securityLimit, String message) {
    super(message);
    this.securityLimit = securityLimit;
  }

  /** Whether libheif refused because a size or count exceeded its own security limits. */
  public boolean securityLimit() {
    return securityLimit;
  }
}
