package io.github.secrets4j;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link Secrets.Builder#definitions} loaded, as {@link Secrets#definitions()} returns it:
 * every file's metadata and reconcile defaults, and every secret, group, target and grant they
 * declare, in file order. Immutable; holds names, slugs and where values come from, never a value.
 * Reconcile compares the {@link SecretDefinition#stored() store-managed} secrets with their
 * stores.
 */
public final class SecretDefinitions {
  private static final SecretDefinitions EMPTY =
      new SecretDefinitions(List.of(), List.of(), List.of(), List.of(), List.of());

  private final List<Document> documents;
  private final List<SecretDefinition> secrets;
  private final Map<String, SecretDefinition> byName;
  private final List<Group> groups;
  private final List<Target> targets;
  private final List<Grant> grants;
  /**
   * The metadata reconcile wants for each store-managed secret, by name, built once when first
   * planned (the definitions are immutable); see {@code Planner}.
   */
  final Map<String, Object> reconcileCache = new ConcurrentHashMap<>();

  private SecretDefinitions(List<Document> documents, List<SecretDefinition> secrets,
      List<Group> groups, List<Target> targets, List<Grant> grants) {
    this.documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
    this.secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
    this.groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    this.targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    this.grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
    Map<String, SecretDefinition> byName = new LinkedHashMap<>();
    for (SecretDefinition secret : this.secrets) {
      if (byName.putIfAbsent(secret.name(), secret) != null) {
        throw new IllegalArgumentException("two secrets are named \"" + secret.name() + "\"");
      }
    }
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Returns the definitions of a runtime that loaded no file.
   *
   * @return definitions with nothing in them
   */
  public static SecretDefinitions empty() {
    return EMPTY;
  }

  /**
   * Returns definitions made of these parts, as loading files makes them (reconcile and tests
   * can build them without a file). Only the secrets' names are checked for uniqueness here;
   * files are checked in full when they are loaded.
   *
   * @param documents the files' metadata and reconcile defaults
   * @param secrets the secrets
   * @param groups the groups
   * @param targets the targets
   * @param grants the grants
   * @return the definitions, holding copies of the lists
   * @throws NullPointerException if a list or an element is null
   * @throws IllegalArgumentException if two secrets have the same name
   */
  public static SecretDefinitions of(List<Document> documents, List<SecretDefinition> secrets,
      List<Group> groups, List<Target> targets, List<Grant> grants) {
    return new SecretDefinitions(documents, secrets, groups, targets, grants);
  }

  /**
   * Returns each loaded file's metadata and reconcile defaults.
   *
   * @return the files, in the order they were given; unmodifiable
   */
  public List<Document> documents() {
    return documents;
  }

  /**
   * Returns every defined secret.
   *
   * @return the secrets, in file order; unmodifiable
   */
  public List<SecretDefinition> secrets() {
    return secrets;
  }

  /**
   * Returns the secret named {@code name}.
   *
   * @param name the secret's name
   * @return the definition, or empty when no secret has that name
   */
  public Optional<SecretDefinition> secret(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Returns every defined group.
   *
   * @return the groups, in file order; unmodifiable
   */
  public List<Group> groups() {
    return groups;
  }

  /**
   * Returns every defined target.
   *
   * @return the targets, in file order; unmodifiable
   */
  public List<Target> targets() {
    return targets;
  }

  /**
   * Returns every grant, which reconcile applies to the stored entries.
   *
   * @return the grants, in file order; unmodifiable
   */
  public List<Grant> grants() {
    return grants;
  }

  /**
   * Returns whether nothing was loaded.
   *
   * @return {@code true} when no file was loaded
   */
  public boolean isEmpty() {
    return documents.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretDefinitions that && documents.equals(that.documents)
        && secrets.equals(that.secrets) && groups.equals(that.groups)
        && targets.equals(that.targets) && grants.equals(that.grants);
  }

  @Override
  public int hashCode() {
    return Objects.hash(documents, secrets, groups, targets, grants);
  }

  /** Counts what was loaded; names nothing. */
  @Override
  public String toString() {
    return "SecretDefinitions{documents=" + documents.size() + ", secrets=" + secrets.size()
        + ", groups=" + groups.size() + ", targets=" + targets.size() + ", grants="
        + grants.size() + "}";
  }

  /**
   * One loaded file: its {@code metadata} and {@code reconcile} sections.
   *
   * @param name its {@code metadata.name}, unique among the loaded files; the managed marker of
   *     what it creates
   * @param description its {@code metadata.description}, empty when none
   * @param source the file's path as given, or the name given with its stream
   * @param prune {@code reconcile.prune}: whether to delete this definition's managed entries
   *     that are no longer declared (default {@code false})
   * @param adopt {@code reconcile.adopt}: whether to take over unmarked entries with a declared
   *     key (default {@code false})
   */
  public record Document(String name, String description, String source, boolean prune,
      boolean adopt) {
    /**
     * Checks the components.
     *
     * @param name its {@code metadata.name}
     * @param description its description, empty when none
     * @param source the file's path or stream name
     * @param prune whether to prune
     * @param adopt whether to adopt
     * @throws NullPointerException if a component is null
     */
    public Document {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A declared {@link SecretsGroup}.
   *
   * @param name the group's name, unique among groups
   * @param slug its slug, given or derived; unique among groups
   * @param description its description, empty when none
   * @param definition the {@code metadata.name} of the file that declares it
   * @param members its secrets, each in one access type and secret type slot
   */
  public record Group(String name, String slug, String description, String definition,
      List<Member> members) {
    /**
     * Checks and copies the components.
     *
     * @param name the group's name
     * @param slug its slug
     * @param description its description
     * @param definition the declaring file's {@code metadata.name}
     * @param members its secrets
     * @throws NullPointerException if a component or member is null
     */
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(definition, "definition");
      members = List.copyOf(Objects.requireNonNull(members, "members"));
    }
  }

  /**
   * A secret in a group's slot.
   *
   * @param access the access type ({@code access:})
   * @param type the secret type ({@code type:})
   * @param secret the defined secret's name ({@code secret:})
   */
  public record Member(AccessType access, SecretType type, String secret) {
    /**
     * Checks the components.
     *
     * @param access the access type
     * @param type the secret type
     * @param secret the defined secret's name
     * @throws NullPointerException if a component is null
     */
    public Member {
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(secret, "secret");
    }
  }

  /**
   * A declared {@link SecretsTarget}: an instance, with environment variables and files bound to
   * defined secrets.
   *
   * @param name the target's name, unique among targets
   * @param definition the declaring file's {@code metadata.name}
   * @param env environment variable name to secret name, in file order
   * @param files absolute, normalized file path to secret name, in file order
   */
  public record Target(String name, String definition, Map<String, String> env,
      Map<Path, String> files) {
    /**
     * Checks and copies the components.
     *
     * @param name the target's name
     * @param definition the declaring file's {@code metadata.name}
     * @param env environment variable name to secret name
     * @param files file path to secret name
     * @throws NullPointerException if a component, a name or a value is null
     */
    public Target {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      env = SecretDefinition.copy(env, "env");
      files = SecretDefinition.copy(files, "files");
    }
  }

  /**
   * Read access to store-managed secrets granted to a principal, which reconcile applies.
   *
   * @param principal the principal granted
   * @param secrets the names of the defined, store-managed secrets it may read
   * @param definition the declaring file's {@code metadata.name}
   */
  public record Grant(String principal, List<String> secrets, String definition) {
    /**
     * Checks and copies the components.
     *
     * @param principal the principal granted
     * @param secrets the secrets' names
     * @param definition the declaring file's {@code metadata.name}
     * @throws NullPointerException if a component or a name is null
     */
    public Grant {
      Objects.requireNonNull(principal, "principal");
      secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
      Objects.requireNonNull(definition, "definition");
    }
  }
}
