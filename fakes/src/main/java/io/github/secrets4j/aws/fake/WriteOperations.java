package io.github.secrets4j.aws.fake;

import io.github.secrets4j.aws.fake.FakeSecretsManager.Reply;
import io.github.secrets4j.aws.fake.FakeSecretsManager.Secret;
import io.github.secrets4j.aws.fake.FakeSecretsManager.Version;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The write side and the listing of {@link FakeSecretsManager}, after the Secrets Manager API
 * reference (https://docs.aws.amazon.com/secretsmanager/latest/apireference/), one page per
 * operation: {@code API_CreateSecret.html}, {@code API_PutSecretValue.html},
 * {@code API_UpdateSecret.html}, {@code API_DescribeSecret.html}, {@code API_TagResource.html},
 * {@code API_UntagResource.html}, {@code API_DeleteSecret.html}, {@code API_RestoreSecret.html},
 * {@code API_ListSecrets.html}, {@code API_Filter.html}, {@code API_ListSecretVersionIds.html}
 * and {@code API_UpdateSecretVersionStage.html}; the error types are those each page
 * lists, sent as HTTP 400 with {@code __type} (the JSON 1.1 protocol). Where the reference gives
 * no message text the message here is the fake's own and says so in a comment.
 */
final class WriteOperations {
  /** CreateSecret, Name: "ASCII letters, numbers, and the following characters: /_+=.@-". */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final String INVALID_NAME = "Invalid name. Must be a valid name containing "
      + "alphanumeric characters, or any of the following: -/_+=.@!";
  private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";
  private static final String MARKED_FOR_DELETION =
      "You can't perform this operation on the secret because it was marked for deletion.";
  private static final Set<String> FILTER_KEYS =
      Set.of("description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all");

  private final FakeSecretsManager fake;

  WriteOperations(FakeSecretsManager fake) {
    this.fake = fake;
  }

  // ---------------------------------------------------------------- CreateSecret

  Reply createSecret(String account, String region, JsonNode in) {
    String name = text(in, "Name");
    if (name == null || !NAME.matcher(name).matches()) {
      return error("InvalidParameterException", INVALID_NAME);
    }
    Reply invalid = checkValue(in);
    if (invalid == null) {
      invalid = checkDescription(in);
    }
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    if (invalid == null) {
      invalid = parseTags(in, tags);
    }
    if (invalid != null) {
      return invalid;
    }
    String token = text(in, "ClientRequestToken");
    Secret created = new Secret(name, fake.newArn(account, region, name));
    Secret secret = fake.secrets().putIfAbsent(FakeSecretsManager.key(account, region, name), created);
    if (secret != null) {
      synchronized (secret) {
        if (secret.deletedDate != null) {
          // The reference lists InvalidRequestException for "the secret is scheduled for
          // deletion"; this message is the fake's own.
          return error("InvalidRequestException", "You can't create this secret because a "
              + "secret with this name is already scheduled for deletion.");
        }
        // ClientRequestToken: a repeated request with the same token and value is ignored.
        Optional<Version> same = token == null ? Optional.empty() : secret.version(token);
        if (same.isPresent() && same.get().sameValue(string(in), binary(in))) {
          return ok(idAndName(secret).with("VersionId", token));
        }
        return error("ResourceExistsException",
            "The operation failed because the secret " + name + " already exists.");
      }
    }
    synchronized (created) {
      created.description = text(in, "Description");
      tags.forEach(tag -> created.tags.put(tag.getKey(), tag.getValue()));
      Out out = idAndName(created);
      if (string(in) != null || binary(in) != null) {
        Version version = created.addVersion(token != null ? token : FakeSecretsManager.uuid(),
            string(in), binary(in), List.of("AWSCURRENT"));
        out.with("VersionId", version.id);
      }
      return ok(out);
    }
  }

  // ---------------------------------------------------------------- PutSecretValue

  Reply putSecretValue(String account, String region, JsonNode in) {
    Reply invalid = checkValue(in);
    if (invalid != null) {
      return invalid;
    }
    if (string(in) == null && binary(in) == null) {
      // The fake's own text: the reference only says one of the two must be there.
      return error("InvalidParameterException",
          "You must provide either SecretString or SecretBinary.");
    }
    List<String> stages = new ArrayList<>();
    in.field("VersionStages").filter(JsonNode::isArray).ifPresent(array ->
        array.asArray().forEach(stage -> stages.add(stage.asString())));
    if (stages.isEmpty()) {
      stages.add("AWSCURRENT");
    }
    return withLiveSecret(account, region, in, secret -> {
      String token = text(in, "ClientRequestToken");
      Optional<Version> existing = token == null ? Optional.empty() : secret.version(token);
      Version version;
      if (existing.isPresent()) {
        if (!existing.get().sameValue(string(in), binary(in))) {
          return error("ResourceExistsException",
              "A resource with the ID you requested already exists.");
        }
        version = existing.get();
      } else {
        version = secret.addVersion(token != null ? token : FakeSecretsManager.uuid(),
            string(in), binary(in), stages);
      }
      return ok(idAndName(secret).with("VersionId", version.id)
          .with("VersionStages", List.copyOf(version.stages)));
    });
  }

  // ---------------------------------------------------------------- UpdateSecretVersionStage

  /**
   * API_UpdateSecretVersionStage: the label moves to MoveToVersionId; if it is on another version,
   * RemoveFromVersionId must name that version ("If the label is attached and you either do not
   * specify this parameter, or the version ID does not match, then the operation fails"). When
   * AWSCURRENT moves, AWSPREVIOUS moves to the version it left. Without MoveToVersionId the label
   * is only removed from RemoveFromVersionId. A version left without labels is deprecated.
   */
  Reply updateSecretVersionStage(String account, String region, JsonNode in) {
    String stage = text(in, "VersionStage");
    String moveTo = text(in, "MoveToVersionId");
    String removeFrom = text(in, "RemoveFromVersionId");
    if (stage == null || stage.isEmpty() || stage.length() > 256) {
      // "Length Constraints: Minimum length of 1. Maximum length of 256."; the text is the fake's.
      return error("InvalidParameterException", "VersionStage must be 1 to 256 characters.");
    }
    if (moveTo == null && removeFrom == null) {
      // The fake's own text: one of the two is needed for the call to change anything.
      return error("InvalidParameterException",
          "You must specify MoveToVersionId or RemoveFromVersionId.");
    }
    return withLiveSecret(account, region, in, secret -> {
      Optional<Version> holder = secret.withStage(stage);
      if (moveTo == null) {
        if (holder.isEmpty() || !holder.get().id.equals(removeFrom)) {
          // The fake's own text.
          return error("InvalidParameterException", "The staging label " + stage
              + " is not attached to version " + removeFrom + ".");
        }
        if (stage.equals("AWSCURRENT")) {
          // The fake's own text: a secret always keeps a current version.
          return error("InvalidParameterException", "You can only move staging label "
              + "AWSCURRENT to a different secret version. It can't be completely removed.");
        }
        holder.get().stages.remove(stage);
        secret.touch();
        return ok(idAndName(secret));
      }
      Optional<Version> target = secret.version(moveTo);
      if (target.isEmpty()) {
        // The text of GetSecretValue's answer for an unknown VersionId.
        return error("ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: " + moveTo);
      }
      if (holder.isPresent() && holder.get() != target.get()) {
        if (!holder.get().id.equals(removeFrom)) {
          // The fake's own text.
          return error("InvalidParameterException", "The staging label " + stage
              + " is currently attached to version " + holder.get().id
              + ", so you must explicitly reference that version in RemoveFromVersionId.");
        }
        holder.get().stages.remove(stage);
        if (stage.equals("AWSCURRENT")) {
          secret.versions.forEach(v -> v.stages.remove("AWSPREVIOUS"));
          holder.get().stages.add("AWSPREVIOUS");
        }
      }
      target.get().stages.add(stage);
      secret.touch();
      return ok(idAndName(secret));
    });
  }

  // ---------------------------------------------------------------- ListSecretVersionIds

  /**
   * API_ListSecretVersionIds: the versions with their labels, oldest first, without values; the
   * deprecated ones (no label) only with IncludeDeprecated. MaxResults 1 to 100, NextToken.
   */
  Reply listSecretVersionIds(String account, String region, JsonNode in) {
    int max = 100;
    Optional<JsonNode> maxResults = in.field("MaxResults").filter(n -> !n.isNull());
    if (maxResults.isPresent()) {
      try {
        max = Integer.parseInt(maxResults.get().asNumber());
      } catch (RuntimeException e) {
        max = 0;
      }
      if (max < 1 || max > 100) {
        // "Valid Range: Minimum value of 1. Maximum value of 100."; the text is the fake's own.
        return error("InvalidParameterException", "MaxResults must be between 1 and 100.");
      }
    }
    boolean deprecated = in.field("IncludeDeprecated").filter(JsonNode::isBoolean)
        .map(JsonNode::asBoolean).orElse(false);
    Secret secret = find(account, region, in);
    if (secret == null) {
      return error("ResourceNotFoundException", NOT_FOUND);
    }
    synchronized (secret) {
      List<Version> versions = secret.versions.stream()
          .filter(v -> deprecated || !v.stages.isEmpty()).collect(Collectors.toList());
      int start = 0;
      String nextToken = text(in, "NextToken");
      if (nextToken != null) {
        try {
          start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken),
              StandardCharsets.UTF_8).substring("offset:".length()));
        } catch (RuntimeException e) {
          start = -1;
        }
        if (start < 0 || start > versions.size()) {
          return error("InvalidNextTokenException", "The NextToken value is invalid.");
        }
      }
      List<Object> page = new ArrayList<>();
      for (Version version : versions.subList(start, Math.min(versions.size(), start + max))) {
        page.add(new Out().with("VersionId", version.id)
            .with("VersionStages", List.copyOf(version.stages))
            .with("CreatedDate", version.created));
      }
      Out out = idAndName(secret).with("Versions", page);
      if (start + max < versions.size()) {
        out.with("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
            ("offset:" + (start + max)).getBytes(StandardCharsets.UTF_8)));
      }
      return ok(out);
    }
  }

  // ---------------------------------------------------------------- UpdateSecret

  Reply updateSecret(String account, String region, JsonNode in) {
    Reply invalid = checkValue(in);
    if (invalid == null) {
      invalid = checkDescription(in);
    }
    if (invalid != null) {
      return invalid;
    }
    return withLiveSecret(account, region, in, secret -> {
      Out out = idAndName(secret);
      if (in.field("Description").isPresent()) {
        secret.description = text(in, "Description");
        secret.touch();
      }
      if (string(in) != null || binary(in) != null) {
        String token = text(in, "ClientRequestToken");
        Optional<Version> existing = token == null ? Optional.empty() : secret.version(token);
        if (existing.isPresent() && !existing.get().sameValue(string(in), binary(in))) {
          return error("ResourceExistsException",
              "A resource with the ID you requested already exists.");
        }
        Version version = existing.orElseGet(() -> secret.addVersion(
            token != null ? token : FakeSecretsManager.uuid(), string(in), binary(in),
            List.of("AWSCURRENT")));
        out.with("VersionId", version.id);
      }
      return ok(out);
    });
  }

  // ---------------------------------------------------------------- tags

  Reply tagResource(String account, String region, JsonNode in) {
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    Reply invalid = parseTags(in, tags);
    if (invalid != null) {
      return invalid;
    }
    return withLiveSecret(account, region, in, secret -> {
      tags.forEach(tag -> secret.tags.put(tag.getKey(), tag.getValue()));
      if (secret.tags.size() > 50) {
        tags.forEach(tag -> secret.tags.remove(tag.getKey()));
        return error("InvalidParameterException", "A secret can have at most 50 tags.");
      }
      secret.touch();
      return ok(new Out());
    });
  }

  Reply untagResource(String account, String region, JsonNode in) {
    List<String> keys = new ArrayList<>();
    in.field("TagKeys").filter(JsonNode::isArray).ifPresent(array ->
        array.asArray().forEach(key -> keys.add(key.asString())));
    return withLiveSecret(account, region, in, secret -> {
      keys.forEach(secret.tags::remove);
      secret.touch();
      return ok(new Out());
    });
  }

  // ---------------------------------------------------------------- DescribeSecret

  Reply describeSecret(String account, String region, JsonNode in) {
    Secret secret = find(account, region, in);
    if (secret == null) {
      return error("ResourceNotFoundException", NOT_FOUND);
    }
    synchronized (secret) {
      // Works on a secret scheduled for deletion too: DeletedDate says so.
      Out out = idAndName(secret)
          .with("Description", secret.description)
          .with("Tags", tags(secret))
          .with("VersionIdsToStages", stages(secret))
          .with("CreatedDate", secret.createdDate)
          .with("LastChangedDate", secret.lastChangedDate)
          .with("DeletedDate", secret.deletedDate);
      return ok(out);
    }
  }

  // ---------------------------------------------------------------- DeleteSecret, RestoreSecret

  Reply deleteSecret(String account, String region, JsonNode in) {
    Optional<JsonNode> window = in.field("RecoveryWindowInDays").filter(n -> !n.isNull());
    boolean force = in.field("ForceDeleteWithoutRecovery").filter(JsonNode::isBoolean)
        .map(JsonNode::asBoolean).orElse(false);
    if (window.isPresent() && force) {
      // "You can't use both this parameter and RecoveryWindowInDays in the same call."
      return error("InvalidParameterException",
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    long days = 30;
    if (window.isPresent()) {
      try {
        days = Long.parseLong(window.get().asNumber());
      } catch (RuntimeException e) {
        days = -1;
      }
      if (days < 7 || days > 30) {
        // "This value can range from 7 to 30 days"; the message is the fake's own.
        return error("InvalidParameterException",
            "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      }
    }
    Secret secret = find(account, region, in);
    if (secret == null) {
      if (force) {
        // "If you forcibly delete an already deleted or nonexistent secret, the operation does
        // not return ResourceNotFoundException."
        String id = text(in, "SecretId");
        return ok(new Out().with("Name", id).with("DeletionDate", Instant.now()));
      }
      return error("ResourceNotFoundException", NOT_FOUND);
    }
    synchronized (secret) {
      Instant now = Instant.now();
      if (force) {
        fake.secrets().values().remove(secret);
        return ok(idAndName(secret).with("DeletionDate", now));
      }
      if (secret.deletedDate != null) {
        return error("InvalidRequestException", MARKED_FOR_DELETION);
      }
      secret.deletedDate = now;
      secret.deletionDate = now.plus(Duration.ofDays(days));
      secret.touch();
      return ok(idAndName(secret).with("DeletionDate", secret.deletionDate));
    }
  }

  Reply restoreSecret(String account, String region, JsonNode in) {
    Secret secret = find(account, region, in);
    if (secret == null) {
      return error("ResourceNotFoundException", NOT_FOUND);
    }
    synchronized (secret) {
      secret.deletedDate = null;
      secret.deletionDate = null;
      secret.touch();
      return ok(idAndName(secret));
    }
  }

  // ---------------------------------------------------------------- ListSecrets

  Reply listSecrets(String account, String region, JsonNode in) {
    int max = 100;
    Optional<JsonNode> maxResults = in.field("MaxResults").filter(n -> !n.isNull());
    if (maxResults.isPresent()) {
      try {
        max = Integer.parseInt(maxResults.get().asNumber());
      } catch (RuntimeException e) {
        max = 0;
      }
      if (max < 1 || max > 100) {
        // "Valid Range: Minimum value of 1. Maximum value of 100."; the text is the fake's own.
        return error("InvalidParameterException", "MaxResults must be between 1 and 100.");
      }
    }
    List<Map.Entry<String, List<String>>> filters = new ArrayList<>();
    for (JsonNode filter : in.field("Filters").filter(JsonNode::isArray).map(JsonNode::asArray)
        .orElse(List.of())) {
      String key = text(filter, "Key");
      List<String> values = filter.field("Values").filter(JsonNode::isArray)
          .map(a -> a.asArray().stream().map(JsonNode::asString).collect(Collectors.toList()))
          .orElse(List.of());
      if (key == null || !FILTER_KEYS.contains(key) || values.isEmpty() || values.size() > 10) {
        return error("InvalidParameterException", "Invalid filter: " + key);
      }
      filters.add(Map.entry(key, values));
    }
    boolean includeDeleted = in.field("IncludePlannedDeletion").filter(JsonNode::isBoolean)
        .map(JsonNode::asBoolean).orElse(false);
    String prefix = account + "/" + region + "/";
    List<Secret> matching = fake.secrets().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .filter(s -> includeDeleted || s.deletedDate == null)
        .filter(s -> filters.stream().allMatch(f -> matches(s, f.getKey(), f.getValue())))
        .sorted(Comparator.comparing((Secret s) -> s.createdDate).thenComparing(s -> s.name))
        .collect(Collectors.toList());
    int start = 0;
    String nextToken = text(in, "NextToken");
    if (nextToken != null) {
      try {
        start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken),
            StandardCharsets.UTF_8).substring("offset:".length()));
      } catch (RuntimeException e) {
        start = -1;
      }
      if (start < 0 || start > matching.size()) {
        return error("InvalidNextTokenException", "The NextToken value is invalid.");
      }
    }
    List<Object> page = new ArrayList<>();
    for (Secret secret : matching.subList(start, Math.min(matching.size(), start + max))) {
      synchronized (secret) {
        page.add(idAndName(secret)
            .with("Description", secret.description)
            .with("Tags", tags(secret))
            .with("SecretVersionsToStages", stages(secret))
            .with("CreatedDate", secret.createdDate)
            .with("LastChangedDate", secret.lastChangedDate)
            .with("DeletedDate", secret.deletedDate));
      }
    }
    Out out = new Out().with("SecretList", page);
    if (start + max < matching.size()) {
      out.with("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
          ("offset:" + (start + max)).getBytes(StandardCharsets.UTF_8)));
    }
    return ok(out);
  }

  /**
   * One filter: its values are alternatives, each a prefix (negated by a leading {@code !}).
   * name, tag-key, tag-value: case-sensitive; description: not case-sensitive (API_Filter).
   */
  private static boolean matches(Secret secret, String key, List<String> values) {
    for (String raw : values) {
      boolean negated = raw.startsWith("!");
      String value = negated ? raw.substring(1) : raw;
      boolean hit;
      switch (key) {
        case "name":
          hit = secret.name.startsWith(value);
          break;
        case "description":
          hit = secret.description != null && secret.description.toLowerCase(Locale.ROOT)
              .startsWith(value.toLowerCase(Locale.ROOT));
          break;
        case "tag-key":
          hit = secret.tags.keySet().stream().anyMatch(k -> k.startsWith(value));
          break;
        case "tag-value":
          hit = secret.tags.values().stream().anyMatch(v -> v.startsWith(value));
          break;
        case "all":
          String lower = value.toLowerCase(Locale.ROOT);
          hit = secret.name.toLowerCase(Locale.ROOT).contains(lower)
              || secret.description != null
                  && secret.description.toLowerCase(Locale.ROOT).contains(lower)
              || secret.tags.entrySet().stream().anyMatch(t ->
                  t.getKey().toLowerCase(Locale.ROOT).contains(lower)
                      || t.getValue().toLowerCase(Locale.ROOT).contains(lower));
          break;
        default:
          // primary-region, owning-service: the fake has neither replicas nor managed secrets.
          hit = false;
          break;
      }
      if (hit != negated) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- helpers

  private interface SecretAction {
    Reply apply(Secret secret);
  }

  /** Runs {@code action} on the secret of {@code SecretId}, unless absent or being deleted. */
  private Reply withLiveSecret(String account, String region, JsonNode in, SecretAction action) {
    Secret secret = find(account, region, in);
    if (secret == null) {
      return error("ResourceNotFoundException", NOT_FOUND);
    }
    synchronized (secret) {
      if (secret.deletedDate != null) {
        return error("InvalidRequestException", MARKED_FOR_DELETION);
      }
      return action.apply(secret);
    }
  }

  private Secret find(String account, String region, JsonNode in) {
    String id = text(in, "SecretId");
    return id == null ? null : fake.find(account, region, id);
  }

  /** SecretString: at most 65,536 bytes; not both SecretString and SecretBinary. */
  private static Reply checkValue(JsonNode in) {
    if (string(in) != null && binary(in) != null) {
      return error("InvalidParameterException",
          "You can't specify both a binary secret value and a string secret value in the same secret.");
    }
    String string = string(in);
    byte[] binary = binary(in);
    if (string != null && string.getBytes(StandardCharsets.UTF_8).length > 65536
        || binary != null && binary.length > 65536) {
      return error("InvalidParameterException", "The secret value exceeds the 65536 byte limit.");
    }
    String token = text(in, "ClientRequestToken");
    if (token != null && (token.length() < 32 || token.length() > 64)) {
      // "Length Constraints: Minimum length of 32. Maximum length of 64."
      return error("InvalidParameterException",
          "ClientRequestToken must be between 32 and 64 characters.");
    }
    return null;
  }

  /** Description: "Maximum length of 2048." */
  private static Reply checkDescription(JsonNode in) {
    String description = text(in, "Description");
    return description != null && description.length() > 2048
        ? error("InvalidParameterException", "Description must be at most 2048 characters.")
        : null;
  }

  /** Tag: Key 1 to 128 characters, Value 0 to 256 (API_Tag.html); at most 50 per secret. */
  private static Reply parseTags(JsonNode in, List<Map.Entry<String, String>> out) {
    for (JsonNode tag : in.field("Tags").filter(JsonNode::isArray).map(JsonNode::asArray)
        .orElse(List.of())) {
      String key = text(tag, "Key");
      String value = Objects.requireNonNullElse(text(tag, "Value"), "");
      if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
        return error("InvalidParameterException",
            "Tag keys must be 1 to 128 characters and values at most 256 characters.");
      }
      out.add(Map.entry(key, value));
    }
    if (out.size() > 50) {
      return error("InvalidParameterException", "A secret can have at most 50 tags.");
    }
    return null;
  }

  private static List<Object> tags(Secret secret) {
    List<Object> tags = new ArrayList<>();
    secret.tags.forEach((k, v) -> tags.add(new Out().with("Key", k).with("Value", v)));
    return tags;
  }

  private static Out stages(Secret secret) {
    Out stages = new Out();
    secret.versions.stream().filter(v -> !v.stages.isEmpty())
        .forEach(v -> stages.with(v.id, List.copyOf(v.stages)));
    return stages;
  }

  private static Out idAndName(Secret secret) {
    return new Out().with("ARN", secret.arn).with("Name", secret.name);
  }

  private static String text(JsonNode node, String field) {
    return node.field(field).filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
  }

  private static String string(JsonNode in) {
    return text(in, "SecretString");
  }

  private static byte[] binary(JsonNode in) {
    String base64 = text(in, "SecretBinary");
    return base64 == null ? null : Base64.getDecoder().decode(base64);
  }

  private static Reply ok(Out out) {
    return new Reply(200, out.toJson());
  }

  private static Reply error(String code, String message) {
    return new Reply(400, FakeSecretsManager.errorBody(code, message));
  }

  /** A JSON object under construction; {@code null} members are left out, as AWS does. */
  static final class Out {
    private final Map<String, Object> members = new LinkedHashMap<>();

    Out with(String name, Object value) {
      if (value != null) {
        members.put(name, value);
      }
      return this;
    }

    String toJson() {
      StringBuilder out = new StringBuilder();
      write(out, this);
      return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
      if (value instanceof Out) {
        out.append('{');
        int i = 0;
        for (Map.Entry<String, Object> member : ((Out) value).members.entrySet()) {
          out.append(i++ == 0 ? "" : ",").append(FakeSecretsManager.quote(member.getKey()))
              .append(':');
          write(out, member.getValue());
        }
        out.append('}');
      } else if (value instanceof List) {
        out.append('[');
        int i = 0;
        for (Object item : (List<?>) value) {
          out.append(i++ == 0 ? "" : ",");
          write(out, item);
        }
        out.append(']');
      } else if (value instanceof Instant) {
        // Timestamps in the JSON 1.1 protocol: epoch seconds.
        out.append(((Instant) value).toEpochMilli() / 1000.0);
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        out.append(FakeSecretsManager.quote(String.valueOf(value)));
      }
    }
  }
}
