package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.SecretDefinitions;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.internal.store.StoreNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the {@code groups}, {@code targets} and {@code grants} of the loaded files. */
final class Sections {
  private static final List<String> GROUP = List.of("name", "slug", "description", "secrets");
  private static final List<String> MEMBER = List.of("access", "type", "secret");
  private static final List<String> TARGET = List.of("name", "env", "files");
  private static final List<String> GRANT = List.of("principal", "secrets");

  private final Binder binder;
  private final Map<String, Problems.Location> groupNames = new HashMap<>();
  private final Map<String, Problems.Location> groupSlugs = new HashMap<>();
  private final Map<String, Problems.Location> targetNames = new HashMap<>();
  final List<SecretDefinitions.Group> groups = new ArrayList<>();
  final List<SecretDefinitions.Target> targets = new ArrayList<>();
  final List<SecretDefinitions.Grant> grants = new ArrayList<>();

  Sections(Binder binder) {
    this.binder = binder;
  }

  void bind(Scope scope, Map<String, Node.Field> top) {
    for (Node item : items(scope, top, "groups")) {
      group(scope, item);
    }
    for (Node item : items(scope, top, "targets")) {
      target(scope, item);
    }
    for (Node item : items(scope, top, "grants")) {
      grant(scope, item);
    }
  }

  private static List<Node> items(Scope scope, Map<String, Node.Field> top, String name) {
    Node node = Scope.optional(top, name);
    List<Node> items = node == null ? null : scope.list(node, name);
    return items == null ? List.of() : items;
  }

  private void group(Scope scope, Node item) {
    Map<String, Node.Field> fields = scope.mapping(item, "a group", GROUP);
    if (fields == null) {
      return;
    }
    String name = Binder.name(scope, fields, item, "a group");
    String what = name == null ? "a group" : "group " + Scope.quote(name);
    String slug = name == null ? null : Binder.slug(scope, fields, item, name, what);
    unique(scope, item, groupNames, name, "group name");
    unique(scope, item, groupSlugs, slug, "group slug");
    String description = Binder.description(scope, fields, "the description of " + what);
    List<SecretDefinitions.Member> members = new ArrayList<>();
    Map<String, Problems.Location> slots = new HashMap<>();
    Node list = Scope.optional(fields, "secrets");
    List<Node> entries = list == null ? List.of() : scope.list(list, "the secrets of " + what);
    for (Node entry : entries == null ? List.<Node>of() : entries) {
      Map<String, Node.Field> member = scope.mapping(entry, "a secret of " + what, MEMBER);
      if (member == null) {
        continue;
      }
      Node accessNode = scope.required(member, "access", entry, "a secret of " + what);
      String access = accessNode == null ? null : scope.string(accessNode, "access");
      Node typeNode = scope.required(member, "type", entry, "a secret of " + what);
      String type = typeNode == null ? null : scope.string(typeNode, "type");
      Node secretNode = scope.required(member, "secret", entry, "a secret of " + what);
      String secret = secretNode == null ? null : scope.string(secretNode, "secret");
      if (access != null && access.isBlank()) {
        scope.problem(accessNode, "access of " + what + " must not be blank");
        access = null;
      }
      if (type != null && type.isBlank()) {
        scope.problem(typeNode, "type of " + what + " must not be blank");
        type = null;
      }
      if (secret != null) {
        binder.refer(secret, scope.at(secretNode), false);
      }
      if (access == null || type == null || secret == null) {
        continue;
      }
      AccessType accessType = AccessType.of(access);
      SecretType secretType = SecretType.of(type);
      String slot = accessType.value() + "/" + secretType.value();
      Problems.Location first = slots.putIfAbsent(slot, scope.at(entry));
      if (first != null) {
        scope.problem(entry, what + " has two secrets for access type "
            + Scope.quote(accessType.value()) + " and secret type "
            + Scope.quote(secretType.value()) + " (first at " + first + ")");
        continue;
      }
      members.add(new SecretDefinitions.Member(accessType, secretType, secret));
    }
    if (name != null && slug != null) {
      groups.add(new SecretDefinitions.Group(name, slug, description, scope.definition, members));
    }
  }

  private void target(Scope scope, Node item) {
    Map<String, Node.Field> fields = scope.mapping(item, "a target", TARGET);
    if (fields == null) {
      return;
    }
    String name = Binder.name(scope, fields, item, "a target");
    String what = name == null ? "a target" : "target " + Scope.quote(name);
    unique(scope, item, targetNames, name, "target name");
    Map<String, String> env = new LinkedHashMap<>();
    Node envNode = Scope.optional(fields, "env");
    Map<String, Node.Field> vars = envNode == null ? Map.of()
        : scope.mapping(envNode, "env of " + what, null);
    for (Node.Field var : vars == null ? Map.<String, Node.Field>of().values() : vars.values()) {
      String secret = scope.string(var.value(), "env " + Scope.quote(var.name()) + " of " + what);
      if (!EnvNames.isValid(var.name())) {
        scope.problem(var, "invalid environment variable name " + Scope.quote(var.name())
            + " in " + what + " (use [A-Za-z_][A-Za-z0-9_]*)");
      } else if (secret != null) {
        env.put(var.name(), secret);
      }
      if (secret != null) {
        binder.refer(secret, scope.at(var.value()), false);
      }
    }
    Map<Path, String> files = new LinkedHashMap<>();
    Map<Path, Problems.Location> seen = new HashMap<>();
    Node filesNode = Scope.optional(fields, "files");
    Map<String, Node.Field> paths = filesNode == null ? Map.of()
        : scope.mapping(filesNode, "files of " + what, null);
    for (Node.Field file : paths == null ? Map.<String, Node.Field>of().values()
        : paths.values()) {
      String secret = scope.string(file.value(), "file " + Scope.quote(file.name()) + " of "
          + what);
      if (secret != null) {
        binder.refer(secret, scope.at(file.value()), false);
      }
      if (file.name().codePoints().anyMatch(c -> Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029)) {
        scope.problem(file, "file path " + Scope.quote(file.name()) + " in " + what
            + " has a control or format character");
        continue;
      }
      Path path;
      try {
        path = Path.of(file.name());
      } catch (InvalidPathException e) {
        scope.problem(file, "invalid file path " + Scope.quote(file.name()) + " in " + what);
        continue;
      }
      if (!path.isAbsolute()) {
        scope.problem(file, "file path " + Scope.quote(file.name()) + " in " + what
            + " must be absolute");
        continue;
      }
      path = path.normalize();
      Problems.Location first = seen.putIfAbsent(path, scope.at(file));
      if (first != null) {
        scope.problem(file, what + " binds the file " + Scope.quote(path.toString())
            + " twice (first at " + first + ")");
      } else if (secret != null) {
        files.put(path, secret);
      }
    }
    if (name != null) {
      targets.add(new SecretDefinitions.Target(name, scope.definition, env, files));
    }
  }

  private void grant(Scope scope, Node item) {
    Map<String, Node.Field> fields = scope.mapping(item, "a grant", GRANT);
    if (fields == null) {
      return;
    }
    Node principalNode = scope.required(fields, "principal", item, "a grant");
    String principal = principalNode == null ? null : scope.string(principalNode, "principal");
    if (principal != null) {
      try {
        StoreNames.requirePrincipal(principal);
      } catch (IllegalArgumentException e) {
        scope.problem(principalNode, e.getMessage());
        principal = null;
      }
    }
    Node list = scope.required(fields, "secrets", item, "a grant");
    List<Node> names = list == null ? null : scope.list(list, "secrets of a grant");
    List<String> secrets = new ArrayList<>();
    for (Node node : names == null ? List.<Node>of() : names) {
      String secret = scope.string(node, "a secret of a grant");
      if (secret != null) {
        secrets.add(secret);
        binder.refer(secret, scope.at(node), true);
      }
    }
    if (principal != null && names != null) {
      grants.add(new SecretDefinitions.Grant(principal, secrets, scope.definition));
    }
  }

  private static void unique(Scope scope, Node item, Map<String, Problems.Location> seen,
      String value, String what) {
    if (value == null) {
      return;
    }
    Problems.Location first = seen.putIfAbsent(value, scope.at(item));
    if (first != null) {
      scope.problem(item, "duplicate " + what + " " + Scope.quote(value) + " (first at " + first
          + ")");
    }
  }
}
