package io.github.secrets4j.microprofile;

import io.github.secrets4j.SecretReference;
import io.github.secrets4j.Secrets;
import io.smallrye.config.SecretKeysHandler;
import java.util.Objects;

/**
 * A SmallRye Config {@link SecretKeysHandler} named {@value #NAME}: the expression
 * {@code ${s4j::REFERENCE}} in any property's value is replaced by the secret the reference
 * names, read through the runtime's cache each time the property is read.
 *
 * <p>References are secrets4j's one grammar ({@link SecretReference}): {@code secret:KEY} (a key
 * of the default store), {@code KEY@STORE} (a key of the store of provider {@code STORE}),
 * {@code env:NAME}, {@code file:/path}, {@code group/NAME:ACCESS/TYPE} (a slot of a defined
 * group) or the name of a secret in the runtime's definition files.
 * {@link SecretsKeysHandlerFactory} registers one through {@code ServiceLoader}; wire one of your
 * own with {@code SmallRyeConfigBuilder.withSecretKeysHandlers(new SecretsKeysHandler(secrets))}.
 */
public final class SecretsKeysHandler implements SecretKeysHandler {
  /** The handler's name in expressions, {@value}. */
  public static final String NAME = "s4j";

  private final Secrets secrets;

  /**
   * Makes a handler that resolves references with {@code secrets}.
   *
   * @param secrets the runtime; the caller closes it
   * @throws NullPointerException if {@code secrets} is null
   */
  public SecretsKeysHandler(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * Returns the value of the secret {@code secret} names.
   *
   * @param secret the reference written after {@code s4j::}
   * @return the secret's value
   * @throws IllegalArgumentException if the reference is invalid or names no defined secret
   * @throws io.github.secrets4j.SecretError if the secret cannot be read (its message names the
   *     secret, never the value)
   */
  @Override
  public String decode(String secret) {
    return SecretReference.parse(secret).secret(secrets).getValue();
  }

  /**
   * Returns {@value #NAME}.
   *
   * @return the name
   */
  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String toString() {
    return "SecretsKeysHandler{" + secrets + "}";
  }
}
