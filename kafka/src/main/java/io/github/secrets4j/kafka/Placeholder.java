package io.github.secrets4j.kafka;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import org.apache.kafka.common.config.ConfigException;

/**
 * What a placeholder {@code ${s4j:PATH:KEY}} names: the path and key Kafka hands to
 * {@link SecretsConfigProvider#get(String, java.util.Set)}, read with one grammar.
 *
 * <ul>
 *   <li>{@code secret:KEY}: {@code KEY} of the default store ({@code secrets.store()});
 *   <li>{@code store/SLUG:KEY}: {@code KEY} of the store of provider {@code SLUG} (the command
 *       line's {@code KEY@STORE});
 *   <li>{@code defined:NAME}: the secret a definition file declares under {@code NAME};
 *   <li>{@code group/NAME:ACCESS/TYPE}: the secret in the slot (access type, secret type) of the
 *       group a definition file declares under {@code NAME}, split at the first {@code /}.
 * </ul>
 */
final class Placeholder {
  /** What every error about a placeholder says the grammar is. */
  static final String GRAMMAR = "a secrets4j placeholder is ${provider:secret:KEY}, "
      + "${provider:store/SLUG:KEY}, ${provider:defined:NAME} or "
      + "${provider:group/NAME:ACCESS/TYPE}";

  private Placeholder() {}

  /**
   * {@code text} with control and format characters as {@code \}{@code uXXXX}, at most
   * {@code max} code points, as secrets4j-api's {@code internal.Text} does. A copy: this jar is
   * an automatic module on the module path, which cannot read the api's unexported package.
   */
  static String escape(String text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == max) {
        return out.append("...").toString();
      }
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      shown++;
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /** {@code path:key} as written in the placeholder, escaped and bounded, for messages. */
  static String describe(String path, String key) {
    return "\"" + escape(path + ":" + key, 200) + "\"";
  }

  /**
   * The secret {@code path} and {@code key} name, bound to {@code secrets}.
   *
   * @throws ConfigException if the path has none of the grammar's forms
   * @throws IllegalArgumentException if the store, definition or group does not know the name
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  static Secret secret(Secrets secrets, String path, String key) {
    if (key.isEmpty()) {
      throw new ConfigException("No key in " + describe(path, key) + "; " + GRAMMAR);
    }
    if (path.equals("secret")) {
      return secrets.store().secret(key);
    }
    if (path.equals("defined")) {
      return secrets.defined(key);
    }
    if (path.startsWith("store/") && path.length() > "store/".length()) {
      return secrets.store(path.substring("store/".length())).secret(key);
    }
    if (path.startsWith("group/") && path.length() > "group/".length()) {
      int slash = key.indexOf('/');
      if (slash <= 0 || slash == key.length() - 1) {
        throw new ConfigException("The key of " + describe(path, key)
            + " must be ACCESS/TYPE, such as generic/password; " + GRAMMAR);
      }
      AccessType access = AccessType.of(key.substring(0, slash));
      SecretType type = SecretType.of(key.substring(slash + 1));
      String group = path.substring("group/".length());
      return secrets.definedGroup(group).secret(access, type).orElseThrow(() ->
          new ConfigException("Group \"" + escape(group, 100) + "\" has no secret for "
              + "access type \"" + escape(access.value(), 100) + "\" and secret type \""
              + escape(type.value(), 100) + "\""));
    }
    throw new ConfigException("Unknown path in " + describe(path, key) + "; " + GRAMMAR);
  }
}
