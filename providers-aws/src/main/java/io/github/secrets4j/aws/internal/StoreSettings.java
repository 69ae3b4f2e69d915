package io.github.secrets4j.aws.internal;

import java.util.Objects;

/**
 * How the provider's store names and removes secrets: the name prefix (also the value of the
 * store's marker tag), the recovery window of {@code DeleteSecret} and whether it is skipped.
 *
 * @param prefix prepended to every key to make the secret's name, such as {@code secrets4j/}
 * @param recoveryWindowDays days a removed secret can still be restored, 7 to 30
 * @param forceDelete whether removal deletes at once, without a recovery window
 */
public record StoreSettings(String prefix, int recoveryWindowDays, boolean forceDelete) {
  /** Checks that the prefix is there and the window within AWS's bounds. */
  public StoreSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (recoveryWindowDays < 7 || recoveryWindowDays > 30) {
      throw new IllegalArgumentException("recoveryWindowDays must be 7 to 30: " + recoveryWindowDays);
    }
  }
}
