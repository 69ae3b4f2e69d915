package io.github.secrets4j.tls.internal;

import io.github.secrets4j.SecretKind;
import io.github.secrets4j.spi.SecretKindProvider;
import io.github.secrets4j.tls.TlsKind;
import java.util.List;

/** Offers {@link TlsKind#TLS} to every runtime that discovers this module. */
public final class TlsKindProvider implements SecretKindProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public TlsKindProvider() {}

  @Override
  public List<SecretKind<?>> kinds() {
    return List.of(TlsKind.TLS);
  }
}
