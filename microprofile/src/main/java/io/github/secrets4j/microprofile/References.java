package io.github.secrets4j.microprofile;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The references of this adapter, the command line's grammar without its {@code env:} and
 * {@code file:} forms (MicroProfile Config reads those itself): {@code secret:KEY} (a key of the
 * default store), {@code KEY@STORE} (a key of the store of provider {@code STORE}, split at the
 * last {@code @} when what follows is a slug), else the name of a secret in the loaded definition
 * files.
 */
final class References {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private References() {}

  /**
   * The secret {@code reference} names, bound to {@code secrets}.
   *
   * @throws IllegalArgumentException if the reference is blank, a key is invalid, a store cannot
   *     write, or no loaded definition has the name (naming the closest ones)
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  static Secret secret(Secrets secrets, String reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.isBlank()) {
      throw new IllegalArgumentException("A secrets4j reference must not be blank: it is "
          + "secret:KEY, KEY@STORE or the name of a defined secret");
    }
    if (reference.startsWith("secret:")) {
      return secrets.store().secret(reference.substring("secret:".length()));
    }
    int at = reference.lastIndexOf('@');
    if (at > 0 && SLUG.matcher(reference.substring(at + 1)).matches()) {
      return secrets.store(reference.substring(at + 1)).secret(reference.substring(0, at));
    }
    return secrets.defined(reference);
  }
}
