package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.SecretDefinition;
import io.github.secrets4j.SecretDefinitions;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretValueSource;
import io.github.secrets4j.SecretsPlan;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.registry.ProviderRegistry;
import io.github.secrets4j.internal.store.StoreNames;
import io.github.secrets4j.internal.template.SecretSpec;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the trees of the loaded files into {@link SecretDefinitions}, checking each file's
 * structure and what spans files (unique names, slugs and keys, references, providers, stores,
 * kinds, parameters, templates). Providers named by a file are created here, to ask them for
 * their parameters and their writer.
 */
final class Binder {
  static final String API_VERSION = "secrets4j/v1";
  static final String KIND = "SecretsDefinition";
  static final int MAX_NAME = 256;
  /** The labels reconcile sets on every entry it writes (managed-by, secret, slug). */
  static final int RECONCILE_LABELS = 3;
  /** The most labels a store-managed secret may declare: the rest are reconcile's. */
  static final int MAX_LABELS = StoreNames.MAX_LABELS - RECONCILE_LABELS;

  private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "secrets",
      "groups", "targets", "grants", "reconcile");
  private static final List<String> METADATA = List.of("name", "description");
  private static final List<String> RECONCILE = List.of("prune", "adopt");
  private static final List<String> SECRET = List.of("name", "slug", "description", "kind",
      "provider", "parameters", "store", "key", "labels", "value");
  private static final List<String> VALUE = List.of("generate", "fromEnv", "fromFile",
      "fromStdin");
  private static final List<String> GENERATE = List.of("length", "alphabet");

  private final ProviderRegistry registry;
  final Problems problems;
  private final Map<String, Problems.Location> documentNames = new HashMap<>();
  final Map<String, Problems.Location> secretNames = new LinkedHashMap<>();
  private final Map<String, Problems.Location> secretSlugs = new HashMap<>();
  private final Map<String, String> storeKeys = new HashMap<>();
  private final Map<String, Boolean> stored = new HashMap<>();
  /** The runtime's kind names, sorted (for messages). */
  private final Set<String> kinds;
  private final List<Reference> references = new ArrayList<>();
  private Problems.Location stdin;

  final List<SecretDefinitions.Document> documents = new ArrayList<>();
  final List<SecretDefinition> secrets = new ArrayList<>();
  /** For each store-managed secret, the read parameters its store's writer gives its key. */
  final Map<String, Map<String, String>> readParameters = new HashMap<>();

  Binder(ProviderRegistry registry, Set<String> kinds, Problems problems) {
    this.registry = registry;
    this.kinds = new java.util.TreeSet<>(kinds);
    this.problems = problems;
  }

  /** A secret named by a group, target or grant; checked once every file is bound. */
  record Reference(String name, Problems.Location at, boolean needsStored) {}

  void refer(String name, Problems.Location at, boolean needsStored) {
    references.add(new Reference(name, at, needsStored));
  }

  /** Binds one file's root; its groups, targets and grants go to {@code sections}. */
  void document(Scope scope, Node root, Sections sections) {
    Map<String, Node.Field> top = scope.mapping(root, "the document", TOP);
    if (top == null) {
      return;
    }
    Node version = scope.required(top, "apiVersion", root, "the document");
    String apiVersion = version == null ? null : scope.string(version, "apiVersion");
    if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
      scope.problem(version, "unsupported apiVersion " + Scope.quote(apiVersion) + " (expected \""
          + API_VERSION + "\")");
    }
    Node kindNode = scope.required(top, "kind", root, "the document");
    String kind = kindNode == null ? null : scope.string(kindNode, "kind");
    if (kind != null && !KIND.equals(kind)) {
      scope.problem(kindNode, "unsupported kind " + Scope.quote(kind) + " (expected \"" + KIND
          + "\")");
    }
    metadata(scope, top, root);
    reconcile(scope, top);
    Node list = Scope.optional(top, "secrets");
    List<Node> items = list == null ? List.of() : scope.list(list, "secrets");
    if (items != null) {
      for (Node item : items) {
        secret(scope, item);
      }
    }
    sections.bind(scope, top);
  }

  private void metadata(Scope scope, Map<String, Node.Field> top, Node root) {
    Node metadata = scope.required(top, "metadata", root, "the document");
    Map<String, Node.Field> fields =
        metadata == null ? null : scope.mapping(metadata, "metadata", METADATA);
    if (fields == null) {
      return;
    }
    Node nameNode = scope.required(fields, "name", metadata, "metadata");
    String name = nameNode == null ? null : scope.string(nameNode, "metadata.name");
    if (name != null) {
      if (!Slugs.isValid(name) || name.length() > 63) {
        scope.problem(nameNode, "invalid metadata.name " + Scope.quote(name) + ": use at most 63 "
            + "lower-case letters, digits, '-' and '_' (it marks the entries this file manages)");
      } else {
        Problems.Location first = documentNames.putIfAbsent(name, scope.at(nameNode));
        if (first != null) {
          scope.problem(nameNode, "duplicate metadata.name " + Scope.quote(name) + " (first at "
              + first + ")");
        }
        scope.definition = name;
      }
    }
    description(scope, fields, "metadata.description");
  }

  private void reconcile(Scope scope, Map<String, Node.Field> top) {
    boolean prune = false;
    boolean adopt = false;
    Node reconcile = Scope.optional(top, "reconcile");
    Map<String, Node.Field> fields =
        reconcile == null ? null : scope.mapping(reconcile, "reconcile", RECONCILE);
    if (fields != null) {
      Node pruneNode = Scope.optional(fields, "prune");
      Boolean value = pruneNode == null ? null : scope.bool(pruneNode, "reconcile.prune");
      prune = value != null && value;
      Node adoptNode = Scope.optional(fields, "adopt");
      value = adoptNode == null ? null : scope.bool(adoptNode, "reconcile.adopt");
      adopt = value != null && value;
    }
    Node metadata = Scope.optional(top, "metadata");
    String description = "";
    if (metadata != null && metadata.type == Node.Type.MAPPING) {
      Node text = Scope.optional(metadata.fields, "description");
      if (text != null && text.type == Node.Type.STRING) {
        description = text.text;
      }
    }
    documents.add(new SecretDefinitions.Document(scope.definition, description, scope.source,
        prune, adopt));
  }

  /** Reads and checks an optional description; empty when absent or wrong. */
  static String description(Scope scope, Map<String, Node.Field> fields, String what) {
    Node node = Scope.optional(fields, "description");
    String text = node == null ? null : scope.string(node, what);
    if (text == null || text.isEmpty()) {
      return "";
    }
    try {
      return StoreNames.requireName(text, what, StoreNames.MAX_DESCRIPTION);
    } catch (IllegalArgumentException e) {
      scope.problem(node, e.getMessage());
      return "";
    }
  }

  /** Reads and checks a name: not blank, at most {@value #MAX_NAME} chars, no control chars. */
  static String name(Scope scope, Map<String, Node.Field> fields, Node parent, String what) {
    Node node = scope.required(fields, "name", parent, what);
    String name = node == null ? null : scope.string(node, "the name of " + what);
    if (name == null) {
      return null;
    }
    try {
      return StoreNames.requireName(name, "the name of " + what, MAX_NAME);
    } catch (IllegalArgumentException e) {
      scope.problem(node, e.getMessage());
      return null;
    }
  }

  /** Reads a given slug or derives one from {@code name}; null (after reporting) if neither. */
  static String slug(Scope scope, Map<String, Node.Field> fields, Node parent, String name,
      String what) {
    Node node = Scope.optional(fields, "slug");
    if (node != null) {
      String slug = scope.string(node, "the slug of " + what);
      if (slug != null && !Slugs.isValid(slug)) {
        scope.problem(node, "invalid slug " + Scope.quote(slug)
            + ": use lower-case letters, digits, '-' and '_', not starting with '-'");
        return null;
      }
      return slug;
    }
    String slug = Slugs.slugify(name);
    if (slug.isEmpty()) {
      scope.problem(parent, "no slug can be derived from the name of " + what
          + "; give one with slug:");
      return null;
    }
    return slug;
  }

  private void secret(Scope scope, Node item) {
    Map<String, Node.Field> fields = scope.mapping(item, "a secret", SECRET);
    if (fields == null) {
      return;
    }
    String name = name(scope, fields, item, "a secret");
    String what = name == null ? "a secret" : "secret " + Scope.quote(name);
    String slug = name == null ? null : slug(scope, fields, item, name, what);
    boolean duplicate = false;
    if (name != null) {
      Problems.Location first = secretNames.putIfAbsent(name, scope.at(item));
      if (first != null) {
        scope.problem(item, "duplicate secret name " + Scope.quote(name) + " (first at " + first
            + ")");
        duplicate = true;
      }
    }
    if (slug != null && !duplicate) {
      Problems.Location first = secretSlugs.putIfAbsent(slug, scope.at(item));
      if (first != null) {
        scope.problem(item, "duplicate secret slug " + Scope.quote(slug) + " of " + what
            + " (first at " + first + ")");
      }
    }
    String description = description(scope, fields, "the description of " + what);
    String kind = kind(scope, fields, what);
    Node.Field provider = fields.get("provider");
    Node.Field store = fields.get("store");
    SecretDefinition.Origin origin = null;
    if (provider != null && store != null) {
      scope.problem(store, what + " names both provider and store: give provider to read it "
          + "from a provider, or store to manage it in a store");
    } else if (provider != null) {
      for (String field : List.of("key", "labels", "value")) {
        if (fields.containsKey(field)) {
          scope.problem(fields.get(field), "\"" + field + "\" applies only to a secret managed in"
              + " a store (with store:), not to " + what + ", read from a provider");
        }
      }
      origin = provided(scope, fields, provider, name, slug, what);
    } else if (store != null) {
      if (fields.containsKey("parameters")) {
        scope.problem(fields.get("parameters"), "\"parameters\" applies only to a secret read "
            + "from a provider (with provider:), not to " + what + ", managed in a store");
      }
      origin = stored(scope, fields, item, store, name, slug, what);
    } else {
      scope.problem(item, what + " needs provider (to read it from a provider) or store (to "
          + "manage it in a store)");
    }
    if (name != null && slug != null && origin != null) {
      secrets.add(new SecretDefinition(name, slug, description, kind == null ? "opaque" : kind,
          scope.definition, scope.at(item).toString(), origin));
      stored.put(name, origin instanceof SecretDefinition.Stored);
    } else if (name != null) {
      stored.putIfAbsent(name, store != null);
    }
  }

  private String kind(Scope scope, Map<String, Node.Field> fields, String what) {
    Node node = Scope.optional(fields, "kind");
    String kind = node == null ? SecretMetadata.DEFAULT_KIND : scope.string(node, "the kind of " + what);
    if (kind == null) {
      return null;
    }
    if (!kinds.contains(kind)) {
      scope.problem(node, "unknown kind " + Scope.quote(kind) + " of " + what + " (known: "
          + String.join(", ", kinds) + ")");
      return null;
    }
    return kind;
  }

  private SecretDefinition.Provided provided(Scope scope, Map<String, Node.Field> fields,
      Node.Field field, String name, String slug, String what) {
    String provider = scope.string(field.value(), "the provider of " + what);
    Map<String, String> parameters = new LinkedHashMap<>();
    Node params = Scope.optional(fields, "parameters");
    Map<String, Node.Field> entries =
        params == null ? Map.of() : scope.mapping(params, "the parameters of " + what, null);
    if (entries != null) {
      for (Node.Field entry : entries.values()) {
        String value = scope.string(entry.value(),
            "parameter " + Scope.quote(entry.name()) + " of " + what);
        if (value == null) {
          continue;
        }
        parameters.put(entry.name(), value);
        try {
          new SecretSpec(name == null ? "(unnamed)" : name, slug == null ? "unnamed" : slug,
              provider == null ? "unknown" : provider, Map.of(entry.name(), value));
        } catch (SecretParametersError e) {
          String reason = e.reason();
          int cut = reason.indexOf("could not be rendered: ");
          scope.problem(entry.value(), "the parameter " + Scope.quote(entry.name()) + " of " + what
              + ": " + (cut < 0 ? reason : reason.substring(cut + "could not be rendered: ".length())));
        }
      }
    }
    if (provider == null) {
      return null;
    }
    Optional<SecretsProvider> created = provider(scope, field.value(), provider, name);
    if (created.isPresent() && entries != null) {
      for (ParameterSpec spec : parameterSpecs(created.get())) {
        String value = parameters.get(spec.name());
        if (spec.required() && !entries.containsKey(spec.name())) {
          scope.problem(params == null ? field.value() : params, what + " lacks the parameter \""
              + spec.name() + "\", which provider " + Scope.quote(provider) + " requires");
        } else if (spec.required() && value != null && value.isBlank()) {
          scope.problem(entries.get(spec.name()).value(), "the parameter \"" + spec.name()
              + "\" of " + what + " is blank; provider " + Scope.quote(provider)
              + " requires it");
        }
      }
    }
    return new SecretDefinition.Provided(provider, parameters);
  }

  private static List<ParameterSpec> parameterSpecs(SecretsProvider provider) {
    try {
      List<ParameterSpec> specs = provider.parameters();
      return specs == null ? List.of() : specs;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The provider for {@code slug}, created now; empty (after reporting) when it cannot be. */
  private Optional<SecretsProvider> provider(Scope scope, Node at, String slug, String name) {
    String secret = name == null ? "(unnamed)" : name;
    try {
      registry.requireKnown(slug, secret);
      return Optional.of(registry.get(slug, secret));
    } catch (SecretError e) {
      scope.problem(at, e.reason());
      return Optional.empty();
    }
  }

  private SecretDefinition.Stored stored(Scope scope, Map<String, Node.Field> fields, Node item,
      Node.Field field, String name, String slug, String what) {
    String store = scope.string(field.value(), "the store of " + what);
    Node keyNode = Scope.optional(fields, "key");
    String key = keyNode == null ? slug : scope.string(keyNode, "the key of " + what);
    if (key != null) {
      try {
        StoreNames.requireKey(key);
      } catch (IllegalArgumentException e) {
        scope.problem(keyNode == null ? item : keyNode, e.getMessage());
        key = null;
      }
    }
    Map<String, String> labels = labels(scope, fields, what);
    SecretValueSource value = ValueSources.read(this, scope, fields, item, what);
    if (store == null) {
      return null;
    }
    Optional<SecretsProvider> provider = provider(scope, field.value(), store, name);
    Optional<SecretWriter> writer = provider.flatMap(Binder::writer);
    if (provider.isPresent() && writer.isEmpty()) {
      scope.problem(field.value(), "provider " + Scope.quote(store) + " cannot store secrets ("
          + what + ")");
    }
    if (key != null && writer.isPresent()) {
      String owner = storeKeys.putIfAbsent(store + '\0' + key, name == null ? "?" : name);
      if (owner != null) {
        scope.problem(keyNode == null ? item : keyNode, what + " is stored under the same key "
            + Scope.quote(key) + " in " + Scope.quote(store) + " as secret " + Scope.quote(owner));
      }
      try {
        Map<String, String> read = writer.get().parameters(key);
        if (name != null) {
          readParameters.put(name, Map.copyOf(read));
        }
      } catch (IllegalArgumentException e) {
        scope.problem(keyNode == null ? item : keyNode, "provider " + Scope.quote(store)
            + " refuses the key of " + what + ": " + Text.escape(String.valueOf(e.getMessage())));
        return null;
      } catch (RuntimeException e) {
        scope.problem(keyNode == null ? item : keyNode, "provider " + Scope.quote(store)
            + " failed on the key of " + what + ": " + e.getClass().getName());
        return null;
      }
    }
    if (key == null || labels == null || value == null || writer.isEmpty()) {
      return null;
    }
    return new SecretDefinition.Stored(store, key, labels, value);
  }

  private static Optional<SecretWriter> writer(SecretsProvider provider) {
    try {
      Optional<SecretWriter> writer = provider.writer();
      return writer == null ? Optional.empty() : writer;
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> labels(Scope scope, Map<String, Node.Field> fields,
      String what) {
    Node node = Scope.optional(fields, "labels");
    if (node == null) {
      return Map.of();
    }
    Map<String, Node.Field> entries = scope.mapping(node, "the labels of " + what, null);
    if (entries == null) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    SecretMetadata.Builder check = SecretMetadata.builder();
    boolean ok = true;
    if (entries.size() > MAX_LABELS) {
      scope.problem(node, what + " has " + entries.size() + " labels; at most " + MAX_LABELS
          + " (" + StoreNames.MAX_LABELS + " less the " + RECONCILE_LABELS + " \""
          + SecretsPlan.RESERVED_LABEL_PREFIX + "\" labels reconcile sets)");
      return null;
    }
    for (Node.Field entry : entries.values()) {
      String value = scope.string(entry.value(), "label " + Scope.quote(entry.name()) + " of "
          + what);
      if (value == null) {
        ok = false;
        continue;
      }
      if (entry.name().startsWith(SecretsPlan.RESERVED_LABEL_PREFIX)) {
        scope.problem(entry, "label " + Scope.quote(entry.name()) + " of " + what + " is "
            + "reserved: labels starting with \"" + SecretsPlan.RESERVED_LABEL_PREFIX
            + "\" are set by reconcile");
        ok = false;
        continue;
      }
      try {
        check.label(entry.name(), value);
        labels.put(entry.name(), value);
      } catch (IllegalArgumentException e) {
        scope.problem(entry, e.getMessage());
        ok = false;
      }
    }
    return ok ? labels : null;
  }

  /** Records the one secret that may read stdin; reports a second. */
  void stdin(Scope scope, Node at, String what) {
    if (stdin == null) {
      stdin = scope.at(at);
    } else {
      scope.problem(at, what + " reads its value from stdin, as does the secret at " + stdin
          + "; only one secret can");
    }
  }

  /** Checks every reference once all files are bound. */
  void resolveReferences() {
    // Each distinct name is suggested for once, and none once no more problems are kept.
    Map<String, String> suggested = new HashMap<>();
    for (Reference reference : references) {
      Boolean isStored = stored.get(reference.name());
      if (isStored == null) {
        String closest = problems.isFull() ? "" : " (" + suggested.computeIfAbsent(
            reference.name(), name -> Closest.suggest(name, secretNames.keySet(), "secrets"))
            + ")";
        problems.add(reference.at(), "secret " + Scope.quote(reference.name())
            + " is not defined" + closest);
      } else if (reference.needsStored() && !isStored) {
        problems.add(reference.at(), "secret " + Scope.quote(reference.name())
            + " is read from a provider; only secrets managed in a store can be granted");
      }
    }
  }

  /** Resolves a {@code fromFile} path; null (after reporting) when it cannot be. */
  static Path path(Scope scope, Node node, String text, String what) {
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      scope.problem(node, "invalid path in " + what);
      return null;
    }
    if (!path.isAbsolute()) {
      if (scope.folder == null) {
        scope.problem(node, "the fromFile path of " + what + " must be absolute in a "
            + "definition read from a stream");
        return null;
      }
      path = scope.folder.resolve(path);
    }
    return path.normalize();
  }

  static List<String> valueFields() {
    return VALUE;
  }

  static List<String> generateFields() {
    return GENERATE;
  }
}
