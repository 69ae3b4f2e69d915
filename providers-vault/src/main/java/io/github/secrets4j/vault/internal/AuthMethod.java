package io.github.secrets4j.vault.internal;

import java.util.Locale;
import java.util.Optional;

/** How the provider authenticates to a Vault. */
public enum AuthMethod {
  /** A token given in the settings (or {@code VAULT_TOKEN}); looked up once, renewed, never re-created. */
  TOKEN("token", "token"),
  /** AppRole: {@code role-id} + {@code secret-id} exchanged for a token at {@code auth/<mount>/login}. */
  APPROLE("approle", "approle"),
  /** Kubernetes: the service account JWT exchanged for a token at {@code auth/<mount>/login}. */
  KUBERNETES("kubernetes", "kubernetes");

  private final String settingValue;
  private final String defaultMount;

  AuthMethod(String settingValue, String defaultMount) {
    this.settingValue = settingValue;
    this.defaultMount = defaultMount;
  }

  /** Returns the method for a setting value such as {@code approle}, ignoring case. */
  static Optional<AuthMethod> parse(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (AuthMethod method : values()) {
      if (method.settingValue.equals(wanted)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }

  /** {@return the name used in settings and messages, for example {@code approle}} */
  public String settingValue() {
    return settingValue;
  }

  /** Returns the mount the method is enabled at unless {@code auth-mount} says otherwise. */
  String defaultMount() {
    return defaultMount;
  }

  /** Returns whether the provider can get a new token by itself (log in again). */
  boolean canLogIn() {
    return this != TOKEN;
  }

  @Override
  public String toString() {
    return settingValue;
  }
}
