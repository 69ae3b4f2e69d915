package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret's value changed: a load of a cached value (after its ttl, ahead of it, or after an
 * invalidation) found a value different from the one loaded before for the same rendered
 * parameters. What {@link Secrets#onChange} and {@link Secrets#onAnyChange} listeners get, so that
 * the host application can rebuild what uses the value (a connection pool, an
 * {@code SSLContext}).
 *
 * <p>Immutable. Holds no value, old or new, and its {@link #toString()} shows none: only names,
 * the provider, the version where the provider is a store, and the time.
 */
public final class SecretChange {
  private final String secretName;
  private final String secretSlug;
  private final String provider;
  private final Long version;
  private final Instant time;

  private SecretChange(String secretName, String secretSlug, String provider, Long version,
      Instant time) {
    this.secretName = Objects.requireNonNull(secretName, "secretName");
    this.secretSlug = Objects.requireNonNull(secretSlug, "secretSlug");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.version = version;
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * Returns a change whose version is not known (the provider is not a store).
   *
   * @param secretName the secret's name
   * @param secretSlug the secret's slug
   * @param provider the slug of the provider the value came from
   * @param time when the change was seen
   * @return the change
   * @throws NullPointerException if an argument is null
   */
  public static SecretChange of(String secretName, String secretSlug, String provider,
      Instant time) {
    return new SecretChange(secretName, secretSlug, provider, null, time);
  }

  /**
   * Returns a change to a value a store keeps under a version.
   *
   * @param secretName the secret's name
   * @param secretSlug the secret's slug
   * @param provider the slug of the provider (a store) the value came from
   * @param version the version the store reported for the key, at least 1
   * @param time when the change was seen
   * @return the change
   * @throws NullPointerException if an object argument is null
   * @throws IllegalArgumentException if {@code version} is less than 1
   */
  public static SecretChange of(String secretName, String secretSlug, String provider,
      long version, Instant time) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, not " + version);
    }
    return new SecretChange(secretName, secretSlug, provider, version, time);
  }

  /**
   * Returns the name of the secret whose value changed.
   *
   * @return the secret's name
   */
  public String secretName() {
    return secretName;
  }

  /**
   * Returns the slug of the secret whose value changed.
   *
   * @return the secret's slug
   */
  public String secretSlug() {
    return secretSlug;
  }

  /**
   * Returns the slug of the provider the new value came from.
   *
   * @return the provider's slug, such as {@code hashicorp-vault}
   */
  public String provider() {
    return provider;
  }

  /**
   * Returns the version of the stored entry, for a provider that is a store (it can write, and
   * the parameters name one of its keys): the version the store reported for the key when the
   * change was seen, asked right after the load. A put between the load and that question makes
   * it the version after that put. Other providers have no versions in the SPI.
   *
   * @return the store's version of the key, or empty when the provider does not know one
   */
  public Optional<Long> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Returns when the change was seen, by the runtime's clock
   * ({@link Secrets.Builder#timeSource}).
   *
   * @return the time the load that found the new value ended
   */
  public Instant time() {
    return time;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretChange that && secretName.equals(that.secretName)
        && secretSlug.equals(that.secretSlug) && provider.equals(that.provider)
        && Objects.equals(version, that.version) && time.equals(that.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secretName, secretSlug, provider, version, time);
  }

  /**
   * Returns the names, provider, version and time, escaped; never a value.
   *
   * @return a description such as
   *     {@code SecretChange{secret="DB", slug="db", provider="vault", version=3, time=...}}
   */
  @Override
  public String toString() {
    return "SecretChange{secret=\"" + Text.escape(secretName)
        + "\", slug=\"" + Text.escape(secretSlug)
        + "\", provider=\"" + Text.escape(provider) + "\""
        + (version == null ? "" : ", version=" + version) + ", time=" + time + "}";
  }
}
