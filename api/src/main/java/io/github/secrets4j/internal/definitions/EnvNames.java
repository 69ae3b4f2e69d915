package io.github.secrets4j.internal.definitions;

/** The rule for environment variable names in definitions: {@code [A-Za-z_][A-Za-z0-9_]*}. */
public final class EnvNames {
  private EnvNames() {}

  /**
   * Returns whether {@code name} is a valid environment variable name.
   *
   * @param name the name
   * @return whether it matches {@code [A-Za-z_][A-Za-z0-9_]*}
   */
  public static boolean isValid(String name) {
    if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
