package io.github.secrets4j.cli;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretReference;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.internal.Text;

/**
 * The command line's use of the one reference grammar ({@link SecretReference}): a name in the
 * definition files, when none is loaded, says how to load them.
 */
final class Reference {
  /** What every error about a reference says the grammar is. */
  static final String GRAMMAR = SecretReference.GRAMMAR;

  private Reference() {}

  /**
   * The secret {@code text} names, bound to {@code secrets}.
   *
   * @throws IllegalArgumentException if the reference is invalid, a key is invalid, a store's
   *     provider cannot write, or no loaded definition has the name (naming the closest ones,
   *     or saying none were loaded)
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  static Secret secret(String text, Secrets secrets) {
    SecretReference reference = SecretReference.parse(text);
    boolean defined = reference.form() == SecretReference.Form.DEFINED
        || reference.form() == SecretReference.Form.GROUP_SLOT;
    if (defined && secrets.definitions().isEmpty()) {
      throw new IllegalArgumentException("\"" + Text.escape(text, 200) + "\" is no defined "
          + (reference.form() == SecretReference.Form.DEFINED ? "secret" : "group")
          + ": no definition file is loaded (--definitions FILE or SECRETS4J_DEFINITIONS); "
          + GRAMMAR);
    }
    return reference.secret(secrets);
  }
}
