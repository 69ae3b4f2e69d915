package io.github.secrets4j.aws.internal;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The store of the {@code aws-secrets-manager} provider: one secret per key, named
 * {@code <store-prefix><key>}, with the key's metadata in the secret's description and tags.
 *
 * <p>Layout (all tag keys start with {@value #TAG}): {@code secrets4j:store} = the prefix (the
 * marker {@link #list()} filters on), {@code secrets4j:kind}, {@code secrets4j:owner},
 * {@code secrets4j:created} (ISO instant of the first put), {@code secrets4j:updated}
 * ({@code "<version> <ISO instant>"} of the last put), {@code secrets4j:label:<name>} = value and
 * {@code secrets4j:grant:<principal>} = {@code ""}.
 *
 * <p>Versions: version {@code n} is the AWS version whose {@code VersionId} is
 * {@code secrets4j-version-<n, 19 digits>}, sent as the {@code ClientRequestToken}. A put writes
 * one more than the highest version ever written (ListSecretVersionIds with IncludeDeprecated, so
 * versions that lost their staging labels after an operator moved {@code AWSCURRENT} back count
 * too). AWS refuses a second version with that id and another value
 * ({@code ResourceExistsException}), so two writers that both saw version {@code n} cannot both
 * write {@code n + 1}: the loser writes a higher one. A put counts only when AWS's answer puts
 * {@code AWSCURRENT} on its version (AWS ignores a repeated id with the same value and leaves
 * {@code AWSCURRENT} where it was); otherwise it writes the next version. {@link #describe} reports
 * the version that holds {@code AWSCURRENT}, atomic with the value reads return; the time of the
 * put is a tag written just after it (when that tag is older than the version,
 * {@code LastChangedDate} stands in). In one process puts to a key are also serialised.
 *
 * <p>Never sends, logs or prints a value except as {@code SecretString} of the write itself.
 */
public final class AwsStoreWriter implements SecretWriter {
  static final String TAG = "secrets4j:";
  static final String STORE = TAG + "store";
  static final String KIND = TAG + "kind";
  static final String OWNER = TAG + "owner";
  static final String CREATED = TAG + "created";
  static final String UPDATED = TAG + "updated";
  static final String LABEL = TAG + "label:";
  static final String GRANT = TAG + "grant:";
  static final String VERSION_ID = "secrets4j-version-";
  /** Tags per secret (TagResource: "Maximum number of tags per secret: 50"). */
  static final int MAX_TAGS = 50;
  static final int MAX_TAG_KEY = 128;
  static final int MAX_TAG_VALUE = 256;
  static final int MAX_DESCRIPTION = 2048;
  static final int MAX_NAME = 512;
  /** The largest secret value AWS takes: 64 KiB. */
  static final int MAX_VALUE_BYTES = 65_536;
  /** CreateSecret, Name: ASCII letters, digits and {@code /_+=.@-}, 1 to 512 characters. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]+");
  /** The characters AWS documents as allowed in tags across services. */
  static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final int MAX_RACES = 20;
  private static final String CURRENT_STAGE = "AWSCURRENT";

  private final String slug;
  private final StoreSettings settings;
  private final ClientPool clients;
  private final ClientSettings clientSettings;
  private final ProviderContext context;
  private final Function<String, ClientKey> target;
  private final Object[] locks = new Object[64];

  /**
   * Creates the writer; no I/O.
   *
   * @param slug the provider's slug, named by errors
   * @param settings prefix and removal settings
   * @param clients the provider's client pool
   * @param clientSettings timeouts and attempts, named by errors
   * @param context the runtime's clock and escaping
   * @param target the region, profile and endpoint of the store, for a key (its errors name it)
   */
  public AwsStoreWriter(String slug, StoreSettings settings, ClientPool clients,
      ClientSettings clientSettings, ProviderContext context, Function<String, ClientKey> target) {
    this.slug = Objects.requireNonNull(slug, "slug");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
    this.context = Objects.requireNonNull(context, "context");
    this.target = Objects.requireNonNull(target, "target");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Returns the secret name of {@code key}: the store prefix and the key.
   *
   * @param key the store key
   * @return the name
   * @throws IllegalArgumentException if the name breaks AWS's name rules
   */
  public String name(String key) {
    String name = settings.prefix() + key;
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Key '" + context.escape(key) + "' makes the secret name '"
          + context.escape(name) + "', which AWS refuses: at most " + MAX_NAME + " characters, "
          + "only ASCII letters, digits and / _ + = . @ -");
    }
    if (ARN_SUFFIX.matcher(name).find()) {
      // AWS: such a name is confused with a full ARN's random suffix in partial-ARN lookups.
      throw new IllegalArgumentException("Key '" + context.escape(key) + "' ends in a hyphen and "
          + "six letters or digits, which AWS advises against (it reads as the random suffix of "
          + "a secret's ARN); choose another key");
    }
    return name;
  }

  /** What precedes the name in a secret's ARN. */
  private static final String ARN_SECRET = ":secret:";
  /** The random suffix AWS adds to a secret's name in its ARN. */
  private static final Pattern ARN_SUFFIX = Pattern.compile("-[A-Za-z0-9]{6}$");

  /**
   * Refuses before anything is sent what AWS would refuse: a key that makes no valid secret name,
   * a value over {@value #MAX_VALUE_BYTES} bytes in UTF-8, a description over
   * {@value #MAX_DESCRIPTION} characters, a kind or label that is no valid tag (characters,
   * lengths, {@code aws:}), and more than {@value #MAX_TAGS} tags with secrets4j's own (an
   * existing entry's owner and grants count too, which only the put sees).
   */
  @Override
  public void check(String key, String value, SecretMetadata metadata) {
    name(key);
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("Key '" + context.escape(key) + "': the value is " + bytes
          + " bytes in UTF-8; AWS allows " + MAX_VALUE_BYTES + " (64 KiB) per secret value");
    }
    checkDescription(metadata);
    checkTagCount(key, metadataTags(metadata).size() + reserved(false));
  }

  /** As the check above, counting the owner's and the grants' tags too. */
  @Override
  public void check(String key, String value, SecretMetadata metadata, Optional<String> owner,
      Set<String> grants) {
    check(key, value, metadata);
    checkTagCount(key, metadataTags(metadata).size() + reserved(owner.isPresent())
        + grants.size());
  }

  @Override
  public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(metadata, "metadata");
    check(key, value, metadata);
    String name = name(key);
    Map<String, String> metadataTags = metadataTags(metadata);
    checkDescription(metadata);
    // The least any entry needs; owner and grants are counted once the secret is read.
    checkTagCount(key, metadataTags.size() + reserved(owner != null));
    synchronized (lock(key)) {
      // The lowest version the next attempt may write: after AWS refused version n as taken,
      // n + 1, even when the versions listed do not show n yet.
      long floor = 1;
      for (int race = 0; race < MAX_RACES; race++) {
        Optional<DescribeSecretResponse> current = call(key, "DescribeSecret", name,
            client -> describeOrEmpty(client, name));
        Instant now = context.timeSource().instant().truncatedTo(ChronoUnit.MILLIS);
        if (current.isEmpty()) {
          Optional<StoredSecret> created = create(key, name, value, metadata, metadataTags,
              owner, now);
          if (created.isPresent()) {
            return created.get();
          }
          continue; // a concurrent create won: put a new version onto its secret
        }
        DescribeSecretResponse secret = current.get();
        if (secret.deletedDate() != null) {
          throw scheduledForDeletion(key, name, secret);
        }
        StoredSecret previous = stored(key, name, secret.description(), secret.tags(),
            secret.versionIdsToStages(), secret.createdDate(), secret.lastChangedDate());
        if (owner != null && !owner.equals(previous.owner().orElse(null))) {
          throw new SecretAccessDeniedError(key, slug, "Access denied: the stored key is not "
              + "owned by the principal putting it");
        }
        checkTagCount(key, metadataTags.size() + reserved(previous.owner().isPresent())
            + previous.grants().size());
        long version = Math.max(floor, Math.max(previous.version(),
            Math.max(highest(key, name), taggedVersion(secret.tags()))) + 1);
        floor = version + 1;
        boolean written = call(key, "PutSecretValue", name, client -> {
          try {
            PutSecretValueResponse response = client.putSecretValue(b -> b.secretId(name)
                .secretString(value).clientRequestToken(versionId(version)));
            // A version that existed with this very value is not written again and AWSCURRENT
            // does not move ("the request is ignored"): then this put has not happened yet.
            return response.versionStages().contains(CURRENT_STAGE);
          } catch (ResourceExistsException e) {
            return false; // another writer wrote this version first, with another value
          }
        });
        if (!written) {
          continue;
        }
        Instant updated = now.isBefore(previous.created()) ? previous.created() : now;
        String description = metadata.description().orElse("");
        if (!description.equals(previous.metadata().description().orElse(""))) {
          call(key, "UpdateSecret", name,
              client -> client.updateSecret(b -> b.secretId(name).description(description)));
        }
        Map<String, String> tags = new LinkedHashMap<>(metadataTags);
        tags.put(STORE, settings.prefix());
        tags.put(UPDATED, version + " " + updated);
        List<String> stale = new ArrayList<>();
        for (String label : previous.metadata().labels().keySet()) {
          if (!metadata.labels().containsKey(label)) {
            stale.add(LABEL + label);
          }
        }
        if (!stale.isEmpty()) {
          call(key, "UntagResource", name,
              client -> client.untagResource(b -> b.secretId(name).tagKeys(stale)));
        }
        call(key, "TagResource", name,
            client -> client.tagResource(b -> b.secretId(name).tags(tags(tags))));
        return previous.toBuilder().version(version).updated(updated).metadata(metadata).build();
      }
      throw new SecretProviderError(key, slug, "Put of '" + context.escape(name) + "' lost "
          + MAX_RACES + " races in a row to other writers of the same secret");
    }
  }

  /** CreateSecret with version 1; empty when a concurrent create of the same name won. */
  private Optional<StoredSecret> create(String key, String name, String value,
      SecretMetadata metadata, Map<String, String> metadataTags, String owner, Instant now) {
    Map<String, String> tags = new LinkedHashMap<>(metadataTags);
    tags.put(STORE, settings.prefix());
    tags.put(CREATED, now.toString());
    tags.put(UPDATED, "1 " + now);
    if (owner != null) {
      checkTag(key, OWNER, owner, "owner");
      tags.put(OWNER, owner);
    }
    checkTagCount(key, tags.size());
    boolean created = call(key, "CreateSecret", name, client -> {
      try {
        client.createSecret(b -> {
          b.name(name).secretString(value).clientRequestToken(versionId(1)).tags(tags(tags));
          metadata.description().ifPresent(b::description);
        });
        return true;
      } catch (ResourceExistsException e) {
        return false;
      } catch (InvalidRequestException e) {
        // CreateSecret's documented answer for a name still scheduled for deletion.
        Optional<DescribeSecretResponse> secret = describeOrEmpty(client, name);
        if (secret.isPresent() && secret.get().deletedDate() != null) {
          throw scheduledForDeletion(key, name, secret.get());
        }
        throw e;
      }
    });
    if (!created) {
      return Optional.empty();
    }
    return Optional.of(StoredSecret.builder(key).created(now).updated(now).metadata(metadata)
        .owner(owner).build());
  }

  @Override
  public Optional<StoredSecret> describe(String key) {
    String name = name(key);
    return call(key, "DescribeSecret", name, client -> describeOrEmpty(client, name))
        .filter(secret -> secret.deletedDate() == null)
        .map(secret -> stored(key, name, secret.description(), secret.tags(),
            secret.versionIdsToStages(), secret.createdDate(), secret.lastChangedDate()));
  }

  /**
   * ListSecrets, every page, filtered on the name prefix and the marker tag; entries whose marker
   * is not exactly this store's prefix, or that are scheduled for deletion, are left out.
   */
  @Override
  public List<StoredSecret> list() {
    List<StoredSecret> all = new ArrayList<>();
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().key(FilterNameStringType.TAG_KEY).values(STORE).build());
    if (!settings.prefix().isEmpty()) {
      filters.add(Filter.builder().key(FilterNameStringType.NAME).values(settings.prefix()).build());
    }
    String token = null;
    do {
      String next = token;
      ListSecretsResponse page = call("", "ListSecrets", settings.prefix() + "*",
          client -> client.listSecrets(ListSecretsRequest.builder().filters(filters)
              .maxResults(100).nextToken(next).build()));
      for (SecretListEntry entry : page.secretList()) {
        String name = entry.name();
        if (name == null || !name.startsWith(settings.prefix()) || entry.deletedDate() != null
            || !settings.prefix().equals(tagMap(entry.tags()).get(STORE))) {
          continue;
        }
        String key = name.substring(settings.prefix().length());
        try {
          all.add(stored(key, name, entry.description(), entry.tags(),
              entry.secretVersionsToStages(), entry.createdDate(), entry.lastChangedDate()));
        } catch (SecretError | IllegalArgumentException e) {
          // A name that is no valid key, or tags edited out of shape: not an entry of this store.
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  /**
   * DeleteSecret with the recovery window, or without one when force-delete is set. A secret
   * already scheduled for deletion is not removed again.
   */
  @Override
  public boolean remove(String key, String owner) {
    String name = name(key);
    synchronized (lock(key)) {
      Optional<DescribeSecretResponse> secret =
          call(key, "DescribeSecret", name, client -> describeOrEmpty(client, name));
      if (secret.isEmpty() || secret.get().deletedDate() != null) {
        return false;
      }
      if (owner != null) {
        // Checked on the DescribeSecret just made: Secrets Manager has no conditional delete.
        DescribeSecretResponse d = secret.get();
        checkOwner(key, stored(key, name, d.description(), d.tags(), d.versionIdsToStages(),
            d.createdDate(), d.lastChangedDate()).owner().orElse(null), owner, slug);
      }
      return call(key, "DeleteSecret", name, client -> {
        try {
          if (settings.forceDelete()) {
            client.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
          } else {
            client.deleteSecret(b -> b.secretId(name)
                .recoveryWindowInDays((long) settings.recoveryWindowDays()));
          }
          return true;
        } catch (ResourceNotFoundException e) {
          return false;
        }
      });
    }
  }

  @Override
  public Optional<StoredSecret> grant(String key, String principal, String owner) {
    return changeGrants(key, principal, true, owner);
  }

  @Override
  public Optional<StoredSecret> revoke(String key, String principal, String owner) {
    return changeGrants(key, principal, false, owner);
  }

  /** Refuses a principal's change of an entry it does not own. */
  private static void checkOwner(String key, String entryOwner, String owner, String slug) {
    if (owner != null && !owner.equals(entryOwner)) {
      throw new SecretAccessDeniedError(key, slug,
          "Access denied: the stored key is not owned by the principal changing it");
    }
  }

  /** One TagResource or UntagResource: atomic on AWS's side, so concurrent grants never clash. */
  private Optional<StoredSecret> changeGrants(String key, String principal, boolean add,
      String owner) {
    String name = name(key);
    String tag = GRANT + principal;
    checkTag(key, tag, "", "grant of principal '" + context.escape(principal) + "'");
    synchronized (lock(key)) {
      Optional<StoredSecret> current = describe(key);
      if (current.isEmpty()) {
        return current;
      }
      StoredSecret entry = current.get();
      checkOwner(key, entry.owner().orElse(null), owner, slug);
      Set<String> grants = new TreeSet<>(entry.grants());
      if (add ? !grants.add(principal) : !grants.remove(principal)) {
        return current;
      }
      if (add) {
        checkTagCount(key, entry.metadata().labels().size() + 1
            + reserved(entry.owner().isPresent()) + grants.size());
        call(key, "TagResource", name, client -> client.tagResource(b -> b.secretId(name)
            .tags(Tag.builder().key(tag).value("").build())));
      } else {
        call(key, "UntagResource", name,
            client -> client.untagResource(b -> b.secretId(name).tagKeys(tag)));
      }
      return Optional.of(entry.toBuilder().grants(grants).build());
    }
  }

  /** {@code name} (the prefixed key), {@code region} and, when one is in use, {@code profile}. */
  @Override
  public Map<String, String> parameters(String key) {
    String name = name(key);
    ClientKey where = target.apply(key);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("name", name);
    parameters.put("region", where.region());
    if (!where.profile().isEmpty()) {
      parameters.put("profile", where.profile());
    }
    return Map.copyOf(parameters);
  }

  /**
   * The key of a read whose {@code name} names a secret under the store prefix, with any version
   * parameters: by name, by full ARN ({@code arn:...:secret:<name>-<6 characters>}) or by partial
   * ARN (without the 6 characters), as AWS resolves a {@code SecretId}. Store keys never end in a
   * hyphen and six letters or digits (see {@link #name}), so a full ARN's suffix is told from a
   * name. An ARN of another account or region is taken as the store's too: the read is checked
   * rather than let through.
   */
  @Override
  public Optional<String> key(Map<String, String> parameters) {
    String name = parameters.get("name");
    if (name == null) {
      return Optional.empty();
    }
    name = name.strip();
    if (name.startsWith("arn:")) {
      int at = name.indexOf(ARN_SECRET);
      if (at < 0) {
        return Optional.empty();
      }
      name = name.substring(at + ARN_SECRET.length());
      if (ARN_SUFFIX.matcher(name).find()) {
        name = name.substring(0, name.length() - 7);
      }
    }
    if (!name.startsWith(settings.prefix()) || name.length() == settings.prefix().length()) {
      return Optional.empty();
    }
    return Optional.of(name.substring(settings.prefix().length()));
  }

  // ---------------------------------------------------------------- mapping

  /** The entry a secret's description, tags and versions describe. */
  private StoredSecret stored(String key, String name, String description, List<Tag> tagList,
      Map<String, List<String>> versions, Instant createdDate, Instant lastChangedDate) {
    Map<String, String> tags = tagMap(tagList);
    long version = version(versions);
    Instant created = instant(tags.get(CREATED)).orElse(
        createdDate != null ? createdDate : Instant.EPOCH);
    Instant updated = null;
    String stamp = tags.get(UPDATED);
    if (stamp != null && stamp.startsWith(version + " ")) {
      updated = instant(stamp.substring(stamp.indexOf(' ') + 1)).orElse(null);
    }
    if (updated == null) {
      updated = lastChangedDate != null ? lastChangedDate : created;
    }
    if (updated.isBefore(created)) {
      updated = created;
    }
    try {
      SecretMetadata.Builder metadata = SecretMetadata.builder();
      Optional.ofNullable(tags.get(KIND)).filter(k -> !k.isBlank()).ifPresent(metadata::kind);
      Optional.ofNullable(description).filter(d -> !d.isBlank()).ifPresent(metadata::description);
      Set<String> grants = new TreeSet<>();
      tags.forEach((tag, value) -> {
        if (tag.startsWith(LABEL)) {
          metadata.label(tag.substring(LABEL.length()), value);
        } else if (tag.startsWith(GRANT)) {
          grants.add(tag.substring(GRANT.length()));
        }
      });
      return StoredSecret.builder(key).version(version).created(created).updated(updated)
          .metadata(metadata.build()).owner(tags.get(OWNER)).grants(grants).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new SecretProviderError(key, slug, "The tags or description of secret '"
          + context.escape(name) + "' are not those of a secrets4j entry: "
          + context.escape(e.getMessage(), 300));
    }
  }

  /**
   * The highest version secrets4j ever wrote to {@code name}: ListSecretVersionIds with
   * IncludeDeprecated, every page, so versions that lost their staging labels (after a rollback
   * of {@code AWSCURRENT}) count too; 0 when there is none.
   */
  private long highest(String key, String name) {
    return call(key, "ListSecretVersionIds", name, client -> {
      long highest = 0;
      for (ListSecretVersionIdsResponse page : client.listSecretVersionIdsPaginator(
          b -> b.secretId(name).includeDeprecated(true).maxResults(100))) {
        for (SecretVersionsListEntry entry : page.versions()) {
          highest = Math.max(highest, parseVersion(entry.versionId()));
        }
      }
      return highest;
    });
  }

  /**
   * The version of the {@value #UPDATED} tag: a lower bound of the versions written, which holds
   * even if AWS deleted the deprecated version that had it.
   */
  private static long taggedVersion(List<Tag> tags) {
    String stamp = tagMap(tags).get(UPDATED);
    if (stamp == null || stamp.indexOf(' ') < 1) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(stamp.substring(0, stamp.indexOf(' '))));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The version of the value that holds {@code AWSCURRENT}; a value written outside secrets4j
   * (another version id) counts as one version more than the last one written here.
   */
  static long version(Map<String, List<String>> versions) {
    long highest = 0;
    Long current = null;
    for (Map.Entry<String, List<String>> entry : versions.entrySet()) {
      long n = parseVersion(entry.getKey());
      highest = Math.max(highest, n);
      if (entry.getValue() != null && entry.getValue().contains(CURRENT_STAGE)) {
        current = n;
      }
    }
    if (current == null) {
      return Math.max(1, highest);
    }
    return current > 0 ? current : highest + 1;
  }

  private static long parseVersion(String id) {
    if (id == null || !id.startsWith(VERSION_ID)) {
      return 0;
    }
    try {
      return Long.parseLong(id.substring(VERSION_ID.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String versionId(long version) {
    return VERSION_ID + String.format("%019d", version);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The kind and label tags of {@code metadata}, each checked against AWS's tag limits. */
  private Map<String, String> metadataTags(SecretMetadata metadata) {
    Map<String, String> tags = new LinkedHashMap<>();
    checkTag(null, KIND, metadata.kind(), "kind");
    tags.put(KIND, metadata.kind());
    metadata.labels().forEach((label, value) -> {
      checkTag(null, LABEL + label, value, "label '" + context.escape(label) + "'");
      tags.put(LABEL + label, value);
    });
    return tags;
  }

  /** Tags of secrets4j's own besides the kind: store, created, updated and an owner. */
  private static int reserved(boolean owner) {
    return 3 + (owner ? 1 : 0);
  }

  private void checkTag(String key, String tag, String value, String what) {
    String problem = null;
    if (tag.length() > MAX_TAG_KEY) {
      problem = "its tag key '" + context.escape(tag) + "' is " + tag.length()
          + " characters long; AWS allows " + MAX_TAG_KEY;
    } else if (value.length() > MAX_TAG_VALUE) {
      problem = "its tag value is " + value.length() + " characters long; AWS allows "
          + MAX_TAG_VALUE;
    } else if (!TAG_TEXT.matcher(tag).matches() || !TAG_TEXT.matcher(value).matches()) {
      problem = "AWS tags allow only letters, digits, spaces and + - = . _ : / @";
    } else if (value.regionMatches(true, 0, "aws:", 0, 4)) {
      problem = "AWS reserves tag values starting with aws:";
    }
    if (problem != null) {
      throw new IllegalArgumentException((key == null ? "" : "Key '" + context.escape(key)
          + "': ") + "the " + what + " cannot be stored as an AWS tag: " + problem);
    }
  }

  private void checkTagCount(String key, int count) {
    if (count > MAX_TAGS) {
      throw new IllegalArgumentException("Key '" + context.escape(key) + "' would need " + count
          + " tags (labels, grants and 4 or 5 of secrets4j's own); AWS "
          + "allows " + MAX_TAGS + " per secret");
    }
  }

  private void checkDescription(SecretMetadata metadata) {
    int length = metadata.description().map(String::length).orElse(0);
    if (length > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("The description is " + length + " characters long; "
          + "AWS allows " + MAX_DESCRIPTION);
    }
  }

  private SecretError scheduledForDeletion(String key, String name, DescribeSecretResponse secret) {
    return new SecretProviderError(key, slug, "Secret '" + context.escape(name) + "' was removed "
        + "and is scheduled for deletion on " + (secret.deletedDate() == null ? "a later date"
        : "the end of its recovery window (deleted " + secret.deletedDate() + ")")
        + ": restore it first (aws secretsmanager restore-secret) or wait for the deletion; "
        + "with secrets4j.aws-secrets-manager.force-delete=true removals take no recovery window");
  }

  private static List<Tag> tags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) {
      for (Tag tag : tags) {
        if (tag.key() != null) {
          out.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
      }
    }
    return out;
  }

  private static Optional<DescribeSecretResponse> describeOrEmpty(SecretsManagerClient client,
      String name) {
    try {
      return Optional.of(client.describeSecret(b -> b.secretId(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private Object lock(String key) {
    return locks[Math.floorMod(key.hashCode(), locks.length)];
  }

  private interface Call<T> {
    T apply(SecretsManagerClient client);
  }

  /** Runs one call on a leased client; maps every SDK failure through {@link AwsErrors}. */
  private <T> T call(String key, String operation, String name, Call<T> call) {
    ClientKey where = target.apply(key);
    AwsErrors.Errors errors = AwsErrors.Errors.ofKey(key, slug);
    CallDescription description = new CallDescription(operation, context.escape(name),
        context.escape(where.region()), "", context.escape(where.endpoint().isEmpty()
            ? "the Secrets Manager endpoint of " + where.region() : where.endpoint()));
    ClientPool.Lease lease;
    try {
      lease = clients.lease(where);
    } catch (IllegalStateException e) {
      throw errors.provider("The AWS Secrets Manager provider is closed");
    } catch (MissingFileException e) {
      throw errors.provider("The shared AWS " + e.kind() + " file " + context.escape(e.path())
          + " (setting " + e.setting() + ") does not exist");
    } catch (SdkException e) {
      throw AwsErrors.map(context, errors, description, e, clientSettings);
    }
    try (lease) {
      return call.apply(lease.client());
    } catch (SdkException e) {
      throw AwsErrors.map(context, errors, description, e, clientSettings);
    }
  }

  /** Names the prefix only; never a value. */
  @Override
  public String toString() {
    return "AwsStoreWriter{prefix=" + context.escape(settings.prefix()) + ", recoveryWindowDays="
        + settings.recoveryWindowDays() + ", forceDelete=" + settings.forceDelete() + "}";
  }
}
