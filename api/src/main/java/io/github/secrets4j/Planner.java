package io.github.secrets4j;

import static io.github.secrets4j.SecretsPlan.MANAGED_BY_LABEL;
import static io.github.secrets4j.SecretsPlan.RESERVED_LABEL_PREFIX;
import static io.github.secrets4j.SecretsPlan.SECRET_LABEL;
import static io.github.secrets4j.SecretsPlan.SLUG_LABEL;

import io.github.secrets4j.PlannedChange.Action;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.definitions.Closest;
import io.github.secrets4j.internal.reconcile.Values;
import io.github.secrets4j.internal.settings.SettingValues;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares the store-managed secrets of loaded definitions with their stores and makes a
 * {@link SecretsPlan}. One planner per plan: it lists each store the definitions use once (and,
 * when prune is on for a loaded file, every other store of the runtime that can write, since a
 * file may have left entries in a store it no longer uses), reads stdin at most once, and reads
 * a stored value only to compare it with a source's.
 */
final class Planner {
  private final Secrets runtime;
  private final SecretDefinitions definitions;
  private final PlanOptions options;
  private final Function<String, Optional<String>> environment;
  private final List<String> allowedRoots;
  private final List<String> allowedPrefixes;
  private final Map<String, SecretDefinitions.Document> documents = new HashMap<>();
  private final Map<String, Set<String>> grants = new HashMap<>();
  /** Every entry of every store listed (those the definitions use; all with prune), by store, then key. */
  private final Map<String, Map<String, StoredSecret>> entries = new TreeMap<>();
  /** The store and key of every store-managed secret, then the secret's name. */
  private final Map<String, String> declared = new HashMap<>();
  /** Managed entries a replace moves away from; not pruned. */
  private final Set<String> claimed = new HashSet<>();
  /** Stores prune should have listed and could not: slug, then why (no value, no message). */
  private final Map<String, String> unchecked = new TreeMap<>();
  /**
   * The entries listed that carry a managed marker and a secret label, by (managed-by, secret),
   * in listing order; built on the first look for a secret's previous place.
   */
  private Map<String, List<Located>> marked;
  /** Entries looked up with describe because the listing did not show them, by store and key. */
  private final Map<String, Optional<StoredSecret>> described = new HashMap<>();
  private String stdin;
  private final SecureRandom random = new SecureRandom();

  /**
   * A planner reading {@code fromEnv} through {@code environment} and the settings
   * {@value Values#ALLOWED_ROOTS} and {@value Values#ALLOWED_PREFIXES} through {@code settings}.
   */
  Planner(Secrets runtime, SecretDefinitions definitions, PlanOptions options,
      Function<String, Optional<String>> environment,
      Function<String, Optional<String>> settings) {
    this.runtime = runtime;
    this.definitions = definitions;
    this.options = options;
    this.environment = environment;
    this.allowedRoots = settings.apply(Values.ALLOWED_ROOTS).map(SettingValues::list)
        .orElse(List.of());
    this.allowedPrefixes = settings.apply(Values.ALLOWED_PREFIXES).map(SettingValues::list)
        .orElse(List.of());
  }

  SecretsPlan plan() {
    checkRotations();
    for (SecretDefinitions.Document document : definitions.documents()) {
      documents.put(document.name(), document);
    }
    for (SecretDefinitions.Grant grant : definitions.grants()) {
      for (String secret : grant.secrets()) {
        grants.computeIfAbsent(secret, name -> new TreeSet<>()).add(grant.principal());
      }
    }
    for (SecretDefinition definition : definitions.secrets()) {
      definition.stored().ifPresent(stored -> {
        declared.put(id(stored.store(), stored.key()), definition.name());
        entries.computeIfAbsent(stored.store(), store -> list(runtime.store(store)));
      });
    }
    boolean prunes = options.pruneOverride().orElseGet(() -> definitions.documents().stream()
        .anyMatch(SecretDefinitions.Document::prune));
    boolean keeps = options.pruneOverride().map(prune -> !prune).orElseGet(() ->
        definitions.documents().stream().anyMatch(document -> !document.prune()));
    if (prunes) {
      listOtherStores();
    }
    List<PlanStep> steps = new ArrayList<>();
    for (SecretDefinition definition : definitions.secrets()) {
      definition.stored().ifPresent(stored ->
          steps.add(checked(definition, stored, secret(definition, stored))));
    }
    steps.addAll(prune());
    return new SecretsPlan(runtime, steps, unchecked, keeps);
  }

  private void checkRotations() {
    for (String name : options.rotated()) {
      Optional<SecretDefinition> definition = definitions.secret(name);
      if (definition.isEmpty()) {
        List<String> names = new ArrayList<>();
        definitions.secrets().forEach(secret -> names.add(secret.name()));
        throw new IllegalArgumentException("Cannot rotate secret \"" + Text.escape(name, 100)
            + "\": it is not defined (" + Closest.suggest(name, names, "secrets") + ")");
      }
      if (definition.get().stored().isEmpty()
          || !(definition.get().stored().get().value() instanceof SecretValueSource.Generate)) {
        throw new IllegalArgumentException("Cannot rotate secret \"" + Text.escape(name, 100)
            + "\": only a secret managed in a store whose value is generated can be rotated");
      }
    }
  }

  /**
   * Lists every store of the runtime that can write and is not listed yet (creating its provider
   * if need be): with prune on, entries a loaded file marked may be in a store it no longer uses.
   * A store that cannot be created or listed is recorded as not checked, not fatal: the plan
   * says so instead of claiming the stores match.
   */
  private void listOtherStores() {
    for (String slug : runtime.providerSlugs()) {
      if (entries.containsKey(slug)) {
        continue;
      }
      Optional<SecretStore> store;
      try {
        store = runtime.writableStore(slug);
      } catch (SecretError e) {
        unchecked.put(slug, "cannot be created: " + e.getClass().getSimpleName());
        continue;
      }
      if (store.isEmpty()) {
        continue;
      }
      try {
        entries.put(slug, list(store.get()));
      } catch (SecretError e) {
        unchecked.put(slug, "cannot be listed: " + e.getClass().getSimpleName());
      }
    }
  }

  /**
   * The entry at {@code key} in {@code store}: the listed one, else (a store's listing may leave
   * out entries it did not write, as {@code aws-secrets-manager} leaves out secrets without its
   * tag) the one {@code describe} finds, so a declared key is never planned as new while an
   * entry is there; {@code null} when there is none.
   */
  private StoredSecret current(String store, String key) {
    StoredSecret listed = entries.get(store).get(key);
    if (listed != null) {
      return listed;
    }
    return described.computeIfAbsent(id(store, key), id -> {
      try {
        return runtime.store(store).describe(key);
      } catch (IllegalArgumentException e) {
        // A key the store refuses: the put check makes it a conflict.
        return Optional.empty();
      }
    }).orElse(null);
  }

  private static Map<String, StoredSecret> list(SecretStore store) {
    Map<String, StoredSecret> byKey = new LinkedHashMap<>();
    for (StoredSecret entry : store.list()) {
      byKey.put(entry.key(), entry);
    }
    return byKey;
  }

  private static String id(String store, String key) {
    return store + '\0' + key;
  }

  private PlanStep secret(SecretDefinition definition, SecretDefinition.Stored stored) {
    String document = definition.definition();
    boolean adopt = options.adoptOverride().orElse(documents.get(document).adopt());
    SecretValueSource source = stored.value();
    boolean generated = source instanceof SecretValueSource.Generate;
    boolean rotate = options.rotated().contains(definition.name());
    Set<String> wantedGrants = grants.getOrDefault(definition.name(), Set.of());
    Wanted wantedMetadata = wantedMetadata(definition, stored);
    SecretMetadata metadata = wantedMetadata.metadata();
    String store = stored.store();
    String key = stored.key();
    StoredSecret entry = current(store, key);
    List<String> reasons = new ArrayList<>();
    Change change = new Change(definition, stored, metadata, wantedGrants);

    if (entry == null) {
      Located previous = previous(definition);
      if (previous == null) {
        reasons.add("new entry; value (sensitive) " + describe(source, definition));
        grantReasons(reasons, wantedGrants);
        change.seen.add(PlanStep.Seen.absent(store, key));
        return generated ? change.given(Action.CREATE, reasons, generated(stored))
            : change.given(Action.CREATE, reasons, wanted(definition, stored));
      }
      String from = previous.store();
      String fromKey = previous.entry().key();
      claimed.add(id(from, fromKey));
      reasons.add("moves from " + from + ", key \"" + Text.escape(fromKey)
          + "\" (forces replacement)");
      metadataReasons(reasons, previous.entry().metadata(), definition, stored, true);
      grantReasons(reasons, wantedGrants);
      for (String principal : unwanted(previous.entry().grants(), wantedGrants)) {
        reasons.add("read access of \"" + Text.escape(principal)
            + "\" is not moved (not in grants:)");
      }
      change.seen.add(PlanStep.Seen.absent(store, key));
      change.moveFrom = PlanStep.Seen.of(from, previous.entry());
      change.seen.add(change.moveFrom);
      return replace(change, reasons, from, fromKey, rotate);
    }

    String marker = entry.metadata().labels().get(MANAGED_BY_LABEL);
    if (marker == null && !adopt) {
      reasons.add("an entry no definition manages has this key; turn adopt on to take it over");
      return PlanStep.of(change.change(Action.CONFLICT, reasons), List.of());
    }
    if (marker != null && !marker.equals(document)) {
      reasons.add("the entry is managed by definition \"" + Text.escape(marker) + "\", not \""
          + document + "\"");
      return PlanStep.of(change.change(Action.CONFLICT, reasons), List.of());
    }
    Map<String, String> labels = entry.metadata().labels();
    String holder = marker == null ? null : labels.get(SECRET_LABEL);
    Optional<SecretDefinition> held = holder == null || holder.equals(definition.name())
        ? Optional.empty() : definitions.secret(holder);
    if (held.isPresent()) {
      // The entry is the old place of a secret still declared: never handed to another one.
      reasons.add("the entry at this key holds secret \"" + Text.escape(holder)
          + "\", which is still declared (" + held.get().stored().map(at -> "now at "
              + at.store() + ", key \"" + Text.escape(at.key()) + "\"").orElse("not in a store")
          + "): a key never passes to another secret with its value and grants; "
          + (held.get().stored().isPresent()
              ? "apply the move first without this secret, then add it"
              : "remove the entry (SecretStore.remove) first, then plan again"));
      return PlanStep.of(change.change(Action.CONFLICT, reasons), List.of());
    }
    change.seen.add(PlanStep.Seen.of(store, entry));
    Set<String> missing = wantedGrants.isEmpty() ? Set.of() : new TreeSet<>(wantedGrants);
    if (!missing.isEmpty()) {
      missing.removeAll(entry.grants());
    }
    change.grants = missing;
    List<String> kept = List.of();
    for (String principal : unwanted(entry.grants(), wantedGrants)) {
      kept = kept.isEmpty() ? new ArrayList<>() : kept;
      kept.add("keeps read access of \"" + Text.escape(principal)
          + "\" (not in grants:; reconcile never revokes)");
    }
    if (marker != null) {
      String slug = labels.get(SLUG_LABEL);
      if (slug != null && !slug.equals(definition.slug())) {
        reasons.add("slug changes from \"" + Text.escape(slug) + "\" to \"" + definition.slug()
            + "\" (forces replacement)");
      }
      if (!entry.metadata().kind().equals(definition.kind())) {
        reasons.add("kind changes from \"" + entry.metadata().kind() + "\" to \""
            + definition.kind() + "\" (forces replacement)");
      }
      if (!reasons.isEmpty()) {
        metadataReasons(reasons, entry.metadata(), definition, stored, false);
        grantReasons(reasons, missing);
        reasons.addAll(kept);
        return replace(change, reasons, store, key, rotate);
      }
    } else {
      reasons.add("adopts an entry no definition manages (adopt is on)");
    }

    // Adopting writes the marker.
    boolean put = marker == null;
    String wanted = null;
    if (generated) {
      if (rotate) {
        reasons.add("value (sensitive) generated again (rotation asked)");
        put = true;
      }
    } else {
      wanted = wanted(definition, stored);
      if (!Values.same(wanted, current(definition))) {
        reasons.add("value (sensitive) " + describe(source, definition)
            + " differs from the stored one");
        put = true;
      }
    }
    // Equal metadata holding only plain labels has no difference to describe: no maps built.
    boolean equal = entry.metadata().equals(metadata);
    boolean described = !(equal && wantedMetadata.plainLabels())
        && metadataReasons(reasons, entry.metadata(), definition, stored, true);
    if (!equal) {
      if (!described && marker != null) {
        reasons.add("reserved labels change");
      }
      put = true;
    }
    grantReasons(reasons, missing);
    if (reasons.isEmpty()) {
      // Grants the file no longer declares are shown, never a change: they are never revoked.
      List<String> noop = new ArrayList<>(1 + kept.size());
      noop.add("up to date");
      noop.addAll(kept);
      return PlanStep.of(change.change(Action.NOOP, noop), change.seen);
    }
    reasons.addAll(kept);
    if (!put) {
      change.metadata = null;
      return change.keep(Action.UPDATE, reasons, null, null);
    }
    if (!generated) {
      return change.given(Action.UPDATE, reasons, wanted);
    }
    return rotate ? change.given(Action.UPDATE, reasons, generated(stored))
        : change.keep(Action.UPDATE, reasons, store, key);
  }

  /** Generates a value for a put now; the plan holds it until applied. */
  private String generated(SecretDefinition.Stored stored) {
    return Values.generate((SecretValueSource.Generate) stored.value(), random);
  }

  /**
   * Parses the value {@code step} would put (given, generated or kept) with the definition's kind,
   * in memory only: one the kind refuses makes the step a {@code CONFLICT} whose first reason names
   * the secret, the kind and what is wrong (never the value), so that apply writes nothing.
   */
  private PlanStep checked(SecretDefinition definition, SecretDefinition.Stored stored,
      PlanStep step) {
    if (step.value == PlanStep.Value.NONE) {
      return step;
    }
    Optional<SecretKind<?>> kind = runtime.kind(definition.kind());
    String value = step.value(runtime);
    Optional<String> refusal = kind.isEmpty()
        ? Optional.of("cannot be checked: this runtime knows no kind \"" + definition.kind() + "\"")
        : Values.refusal(kind.get(), value);
    if (refusal.isEmpty()) {
      // The store's own check, as a put makes it (a value it would not read back as put).
      // It counts the owner and grants the entry will have where the store keeps them.
      StoredSecret entry = step.moveFrom == null ? current(stored.store(), stored.key()) : null;
      Set<String> grants = step.grants;
      if (entry != null && !entry.grants().isEmpty()) {
        grants = new TreeSet<>(entry.grants());
        grants.addAll(step.grants);
      }
      refusal = runtime.store(stored.store()).refusal(stored.key(), value, step.metadata,
          entry == null ? Optional.empty() : entry.owner(), grants);
    }
    if (refusal.isEmpty()) {
      return step;
    }
    String source = step.value == PlanStep.Value.KEEP ? "kept"
        : describe(stored.value(), definition);
    List<String> reasons = new ArrayList<>();
    reasons.add("the value of secret \"" + Text.escape(definition.name()) + "\" (sensitive, "
        + source + ") " + refusal.get() + "; nothing can be put");
    reasons.addAll(step.change.reasons());
    return PlanStep.of(new PlannedChange(Action.CONFLICT, definition.name(), stored.store(),
        stored.key(), reasons), List.of());
  }

  /**
   * A replace, its reasons (metadata and grants) given: a generated value is kept (read from
   * {@code store}/{@code key}) unless rotated.
   */
  private PlanStep replace(Change change, List<String> reasons, String store, String key,
      boolean rotate) {
    if (!(change.stored.value() instanceof SecretValueSource.Generate)) {
      reasons.add("value (sensitive) " + describe(change.stored.value(), change.definition));
      return change.given(Action.REPLACE, reasons, wanted(change.definition, change.stored));
    }
    if (rotate) {
      reasons.add("value (sensitive) generated again (rotation asked)");
      return change.given(Action.REPLACE, reasons, generated(change.stored));
    }
    reasons.add("value (sensitive) kept");
    return change.keep(Action.REPLACE, reasons, store, key);
  }

  /** A stored entry and its store. */
  private record Located(String store, StoredSecret entry) {}

  /**
   * Finds the entry a secret was put under before its store or key changed: marked by its
   * definition, naming it, at a store and key no other secret of its name declares now (one
   * declared by another secret is still this one's: that secret is a {@code CONFLICT}).
   */
  private Located previous(SecretDefinition definition) {
    if (marked == null) {
      marked = new HashMap<>();
      for (Map.Entry<String, Map<String, StoredSecret>> store : entries.entrySet()) {
        for (StoredSecret entry : store.getValue().values()) {
          Map<String, String> labels = entry.metadata().labels();
          String managedBy = labels.get(MANAGED_BY_LABEL);
          String secret = labels.get(SECRET_LABEL);
          if (managedBy != null && secret != null) {
            marked.computeIfAbsent(id(managedBy, secret), id -> new ArrayList<>())
                .add(new Located(store.getKey(), entry));
          }
        }
      }
    }
    for (Located candidate : marked.getOrDefault(id(definition.definition(), definition.name()),
        List.of())) {
      String id = id(candidate.store(), candidate.entry().key());
      if (!definition.name().equals(declared.get(id)) && !claimed.contains(id)) {
        return candidate;
      }
    }
    return null;
  }

  /** The principals {@code current} grants and {@code wanted} does not, sorted. */
  private static Set<String> unwanted(Set<String> current, Set<String> wanted) {
    if (current.isEmpty() || wanted.containsAll(current)) {
      return Set.of();
    }
    Set<String> extra = new TreeSet<>(current);
    extra.removeAll(wanted);
    return extra;
  }

  /**
   * Adds a reason per metadata difference (the kind's only when {@code kind}); whether there was
   * one.
   */
  private static boolean metadataReasons(List<String> reasons, SecretMetadata current,
      SecretDefinition definition, SecretDefinition.Stored stored, boolean kind) {
    int before = reasons.size();
    Map<String, String> labels = current.labels();
    if (kind && !current.kind().equals(definition.kind())) {
      reasons.add("kind changes from \"" + current.kind() + "\" to \"" + definition.kind() + "\"");
    }
    String name = labels.get(SECRET_LABEL);
    if (name != null && !name.equals(definition.name())) {
      reasons.add("renamed from \"" + Text.escape(name) + "\"");
    }
    if (labels.containsKey(MANAGED_BY_LABEL)
        && (name == null || !labels.containsKey(SLUG_LABEL))) {
      reasons.add("records its name and slug");
    }
    Optional<String> description = definition.description().isEmpty() ? Optional.empty()
        : Optional.of(definition.description());
    if (!current.description().equals(description)) {
      reasons.add("description changes");
    }
    Map<String, String> user = new TreeMap<>();
    labels.forEach((label, value) -> {
      if (!label.startsWith(RESERVED_LABEL_PREFIX)) {
        user.put(label, value);
      }
    });
    Set<String> names = new TreeSet<>(user.keySet());
    names.addAll(stored.labels().keySet());
    for (String label : names) {
      String had = user.get(label);
      String wanted = stored.labels().get(label);
      if (had == null) {
        reasons.add("label \"" + Text.escape(label) + "\" added");
      } else if (wanted == null) {
        reasons.add("label \"" + Text.escape(label) + "\" removed");
      } else if (!had.equals(wanted)) {
        reasons.add("label \"" + Text.escape(label) + "\" changes");
      }
    }
    return reasons.size() > before;
  }

  private static void grantReasons(List<String> reasons, Set<String> principals) {
    for (String principal : principals) {
      reasons.add("grants read access to \"" + Text.escape(principal) + "\"");
    }
  }

  /**
   * The metadata a store-managed secret wants, and whether its file labels are all plain (none
   * starts with {@link SecretsPlan#RESERVED_LABEL_PREFIX}, as loading a file ensures).
   */
  private record Wanted(SecretMetadata metadata, boolean plainLabels) {}

  /**
   * Returns the wanted metadata of a definition, built through the checking builder once per
   * runtime (the definitions are immutable); a definition it refuses throws at every plan.
   */
  private Wanted wantedMetadata(SecretDefinition definition, SecretDefinition.Stored stored) {
    Object cached = definitions.reconcileCache.get(definition.name());
    if (cached instanceof Wanted wanted) {
      return wanted;
    }
    boolean plain = true;
    for (String label : stored.labels().keySet()) {
      plain &= !label.startsWith(RESERVED_LABEL_PREFIX);
    }
    Wanted wanted = new Wanted(metadata(definition, stored), plain);
    definitions.reconcileCache.put(definition.name(), wanted);
    return wanted;
  }

  private static SecretMetadata metadata(SecretDefinition definition,
      SecretDefinition.Stored stored) {
    SecretMetadata.Builder builder = SecretMetadata.builder().kind(definition.kind());
    if (!definition.description().isEmpty()) {
      builder.description(definition.description());
    }
    try {
      return builder.labels(stored.labels())
          .label(MANAGED_BY_LABEL, definition.definition())
          .label(SECRET_LABEL, definition.name())
          .label(SLUG_LABEL, definition.slug())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Secret \"" + Text.escape(definition.name())
          + "\" cannot be marked as managed: " + e.getMessage(), e);
    }
  }

  /** How a source is shown: never a value. */
  private static String describe(SecretValueSource source, SecretDefinition definition) {
    if (source instanceof SecretValueSource.Generate generate) {
      return "generated (" + generate.length() + " characters, " + generate.alphabet().value()
          + ")";
    }
    if (source instanceof SecretValueSource.FromEnv env) {
      return "from environment variable " + env.variable();
    }
    if (source instanceof SecretValueSource.FromFile file) {
      return "from file \"" + Text.escape(file.path().toString()) + "\"";
    }
    return "from stdin";
  }

  /**
   * Reads the stored value of a defined secret now, past any cached one, through the secret the
   * runtime made for it (the same read as {@code store(slug).secret(key)}, built once).
   */
  private String current(SecretDefinition definition) {
    Secret secret = runtime.defined(definition.name());
    runtime.invalidate(secret);
    return secret.getValue();
  }

  /** Reads the value a source gives now (stdin once per plan). */
  private String wanted(SecretDefinition definition, SecretDefinition.Stored stored) {
    SecretValueSource source = stored.value();
    if (source instanceof SecretValueSource.FromEnv env) {
      Values.checkVariable(env.variable(), definition.name(), allowedPrefixes);
      return environment.apply(env.variable()).orElseThrow(() -> new IllegalStateException(
          "Cannot read the value of secret \"" + Text.escape(definition.name())
              + "\": environment variable " + env.variable() + " is not set"));
    }
    if (source instanceof SecretValueSource.FromFile file) {
      return Values.readFile(file.path(), definition.name(), allowedRoots);
    }
    if (stdin == null) {
      stdin = Values.readStdin(options.stdinStream(), definition.name());
    }
    return stdin;
  }

  /** The managed entries no longer declared: deleted with prune on, else left (a no-op). */
  private List<PlanStep> prune() {
    List<PlanStep> steps = new ArrayList<>();
    for (Map.Entry<String, Map<String, StoredSecret>> store : entries.entrySet()) {
      // Only the entries left over are sorted by key (most often none).
      List<StoredSecret> left = new ArrayList<>();
      for (StoredSecret entry : store.getValue().values()) {
        String marker = entry.metadata().labels().get(MANAGED_BY_LABEL);
        if (marker == null || !documents.containsKey(marker)) {
          continue;
        }
        String id = id(store.getKey(), entry.key());
        if (!declared.containsKey(id) && !claimed.contains(id)) {
          left.add(entry);
        }
      }
      left.sort(Comparator.comparing(StoredSecret::key));
      for (StoredSecret entry : left) {
        String marker = entry.metadata().labels().get(MANAGED_BY_LABEL);
        String secret = entry.metadata().labels().getOrDefault(SECRET_LABEL, entry.key());
        boolean prune = options.pruneOverride().orElse(documents.get(marker).prune());
        Action action = prune ? Action.DELETE : Action.NOOP;
        String reason = "no longer declared by \"" + marker + "\""
            + (prune ? " (prune is on)" : "; kept (prune is off)");
        steps.add(PlanStep.of(new PlannedChange(action, secret, store.getKey(), entry.key(),
            List.of(reason)), List.of(PlanStep.Seen.of(store.getKey(), entry))));
      }
    }
    return steps;
  }

  /** A step being made for one defined secret. */
  private static final class Change {
    final SecretDefinition definition;
    final SecretDefinition.Stored stored;
    SecretMetadata metadata;
    Set<String> grants;
    PlanStep.Seen moveFrom;
    final List<PlanStep.Seen> seen = new ArrayList<>();

    Change(SecretDefinition definition, SecretDefinition.Stored stored, SecretMetadata metadata,
        Set<String> grants) {
      this.definition = definition;
      this.stored = stored;
      this.metadata = metadata;
      this.grants = grants;
    }

    PlannedChange change(Action action, List<String> reasons) {
      return new PlannedChange(action, definition.name(), stored.store(), stored.key(), reasons);
    }

    PlanStep given(Action action, List<String> reasons, String value) {
      return step(action, reasons, PlanStep.Value.GIVEN, value, null, null);
    }

    /** Keeps the value of {@code store}/{@code key}; no put at all when both are null. */
    PlanStep keep(Action action, List<String> reasons, String store, String key) {
      return step(action, reasons, store == null ? PlanStep.Value.NONE : PlanStep.Value.KEEP,
          null, store, key);
    }

    private PlanStep step(Action action, List<String> reasons, PlanStep.Value value,
        String given, String keepStore, String keepKey) {
      return new PlanStep(change(action, reasons), metadata, value, given, keepStore, keepKey,
          grants, moveFrom, seen);
    }
  }
}
