package io.github.secrets4j.spi;

import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of a provider that can store secrets, handed out by
 * {@link SecretsProvider#writer()}; what a {@code SecretStore} calls.
 *
 * <p>Contract for implementers:
 * <ul>
 *   <li>Every method is called from many threads (and, for a shared backend, processes) at once.
 *       Each put is atomic: versions strictly increase per key, and no put is lost.
 *   <li>Keys arrive checked by the runtime (not blank, at most 512 chars, no control characters,
 *       no template openers); a writer may refuse more with {@link IllegalArgumentException}.
 *   <li>Versioning is the writer's: version 1 on the first put of a key, one more on every put;
 *       {@code created} kept across puts; {@code updated} the time of the put (for a local store,
 *       from {@link ProviderContext#timeSource()}).
 *   <li>Ownership: the first put of a key records {@code owner} (may be {@code null}); later puts
 *       keep the owner and the grants. A put, remove, grant or revoke with a non-null
 *       {@code owner} on an entry that has another owner or none must change nothing and throw
 *       {@link io.github.secrets4j.SecretAccessDeniedError}, checked in the same atomic step as the
 *       change where the backend allows it (else as close to it as it allows, documented). The
 *       runtime checks principals before it calls the writer; this closes the race of a key
 *       removed and made again by another principal in between. A {@code null} owner is the host
 *       application, which is not checked.
 *   <li>Report backend failures as {@link io.github.secrets4j.SecretError} subclasses; never put a
 *       value in a {@link StoredSecret}, a message, a log line or a {@code toString()}.
 * </ul>
 */
public interface SecretWriter {
  /**
   * Creates or replaces the value of {@code key}.
   *
   * @param key the key, checked by the runtime
   * @param value the value to store (never logged, never printed)
   * @param metadata the new version's metadata
   * @param owner the principal putting it, or {@code null} for the host application
   * @return the entry as stored: its new version, times, metadata, owner and grants
   * @throws io.github.secrets4j.SecretAccessDeniedError if {@code owner} is not null and the key
   *     exists with another owner or none
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  StoredSecret put(String key, String value, SecretMetadata metadata, String owner);

  /**
   * Checks, without writing or calling the backend, that a put of {@code value} with
   * {@code metadata} at {@code key} is one this store can take and read back as put; the runtime
   * calls it before every put, and a plan calls it so that a refusal is known before anything is
   * written. Refuse here what the backend would refuse (its limits on metadata and value size)
   * and what it would store other than as given. The default accepts everything.
   *
   * @param key the key, checked by the runtime
   * @param value the value (never in the message, never logged)
   * @param metadata the metadata of the version
   * @throws IllegalArgumentException naming the key and the rule the put breaks, never the value
   */
  default void check(String key, String value, SecretMetadata metadata) {
    // Accepts everything.
  }

  /**
   * Checks a put as {@link #check(String, String, SecretMetadata)} does, knowing also who will
   * own the entry and the principals it will grant read access to once the put (and the grants a
   * plan adds right after it) are done; a plan calls this one. A store that keeps the owner and
   * the grants beside the metadata (as tags or custom metadata) counts them towards its limits
   * here. The default calls {@link #check(String, String, SecretMetadata)}.
   *
   * @param key the key, checked by the runtime
   * @param value the value (never in the message, never logged)
   * @param metadata the metadata of the version
   * @param owner the owner the entry will have (an existing entry keeps its own)
   * @param grants the principals the entry will grant read access to
   * @throws IllegalArgumentException naming the key and the rule the put breaks, never the value
   */
  default void check(String key, String value, SecretMetadata metadata, Optional<String> owner,
      Set<String> grants) {
    check(key, value, metadata);
  }

  /**
   * Returns what is stored about {@code key}, never its value.
   *
   * @param key the key
   * @return the entry, or empty when the key is not stored
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  Optional<StoredSecret> describe(String key);

  /**
   * Returns every stored entry, never a value.
   *
   * @return the entries, in an order of the writer's choice
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  List<StoredSecret> list();

  /**
   * Removes {@code key} with every version of its value.
   *
   * @param key the key
   * @param owner the principal removing it, or {@code null} for the host application
   * @return whether something was removed
   * @throws io.github.secrets4j.SecretAccessDeniedError if {@code owner} is not null and the key
   *     exists with another owner or none (nothing is removed)
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  boolean remove(String key, String owner);

  /**
   * Adds {@code principal} to the grants of {@code key}, atomically; the version does not change.
   *
   * @param key the key
   * @param principal the principal granted read access
   * @param owner the principal making the grant, or {@code null} for the host application
   * @return the entry after the change, or empty when the key is not stored
   * @throws io.github.secrets4j.SecretAccessDeniedError if {@code owner} is not null and the key
   *     exists with another owner or none (nothing changes)
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  Optional<StoredSecret> grant(String key, String principal, String owner);

  /**
   * Removes {@code principal} from the grants of {@code key}, atomically; the version does not
   * change.
   *
   * @param key the key
   * @param principal the principal whose grant is withdrawn
   * @param owner the principal withdrawing it, or {@code null} for the host application
   * @return the entry after the change, or empty when the key is not stored
   * @throws io.github.secrets4j.SecretAccessDeniedError if {@code owner} is not null and the key
   *     exists with another owner or none (nothing changes)
   * @throws io.github.secrets4j.SecretError if the backend fails
   */
  Optional<StoredSecret> revoke(String key, String principal, String owner);

  /**
   * Returns the read parameters of {@code key}: what a {@code Secret} naming this provider passes
   * to read the key's current value back.
   *
   * @param key the key
   * @return the parameters, plain strings (no templates)
   */
  Map<String, String> parameters(String key);

  /**
   * Returns the key a read with these rendered parameters reads, if it reads a stored entry: the
   * inverse of {@link #parameters(String)}, also for parameters that name an older version. The
   * runtime uses it to enforce principals on reads and to drop cached values of a key on a write.
   *
   * @param parameters a request's rendered parameters
   * @return the key, or empty when these parameters read no stored entry
   */
  Optional<String> key(Map<String, String> parameters);
}
