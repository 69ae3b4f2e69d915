package io.github.secrets4j.internal.kind;

import io.github.secrets4j.SecretKind;
import java.util.Objects;

/** The kind {@code opaque}: any text, as it is. */
public final class OpaqueKind implements SecretKind<String> {
  /** The one instance, {@code SecretKind.OPAQUE}. */
  public static final OpaqueKind INSTANCE = new OpaqueKind();

  private OpaqueKind() {}

  @Override
  public String name() {
    return "opaque";
  }

  @Override
  public String parse(String value) {
    return Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "SecretKind{opaque}";
  }
}
