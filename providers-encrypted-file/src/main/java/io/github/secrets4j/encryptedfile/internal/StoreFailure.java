package io.github.secrets4j.encryptedfile.internal;

/**
 * A store or key problem, raised inside the engine and turned into a {@code SecretProviderError}
 * naming the secret at the engine's boundary. The reason names files and settings, never a value
 * or key material; a cause, when kept, is an I/O error (whose message names a path).
 */
final class StoreFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreFailure(String reason) {
    super(reason, null, false, false);
  }

  StoreFailure(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
