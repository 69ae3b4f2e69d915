package io.github.secrets4j.vault.internal;

import io.github.secrets4j.spi.ProviderContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The settings of one configured Vault, read and checked once.
 *
 * <p>The {@code default} Vault reads the flat keys {@code secrets4j.hashicorp-vault.<key>} and falls
 * back to {@code VAULT_ADDR}, {@code VAULT_TOKEN}, {@code VAULT_NAMESPACE} and {@code VAULT_CACERT}
 * as the Vault CLI does; a named Vault reads {@code secrets4j.hashicorp-vault.vaults.<name>.<key>}
 * only. Invalid settings are reported by name. Timeouts, {@code retries} and {@code tls-verify} are
 * read with the runtime's one grammar ({@link ProviderContext#durationSetting},
 * {@link ProviderContext#longSetting}, {@link ProviderContext#booleanSetting}), whose message shows
 * the malformed value escaped; no other setting's value is ever shown (the url, the token and the
 * ids may hold credentials).
 *
 * <p>{@link #toString()} prints {@code ██} for the token and the secret-id.
 */
public final class VaultSettings {
  /** The prefix of every setting of this provider. */
  public static final String PREFIX = "secrets4j.hashicorp-vault.";
  /** The name of the Vault the flat keys configure. */
  public static final String DEFAULT_VAULT = "default";
  /** Where Kubernetes mounts the service account token. */
  public static final String DEFAULT_K8S_TOKEN_PATH =
      "/var/run/secrets/kubernetes.io/serviceaccount/token";

  static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(250);
  static final int DEFAULT_RETRIES = 2;
  static final int MAX_RETRIES = 10;
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern VAULT_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  static final int MAX_VAULT_NAME = 64;

  private final String vaultName;
  private final String keyPrefix;
  private final URI url;
  private final AuthMethod authMethod;
  private final String token;
  private final String roleId;
  private final String secretId;
  private final String roleName;
  private final String k8sTokenPath;
  private final String authMount;
  private final String namespace;
  private final String caCert;
  private final String caCertSource;
  private final boolean tlsVerify;
  private final String defaultMountPoint;
  private final int kvVersion;
  private final Duration openTimeout;
  private final Duration readTimeout;
  private final int retries;
  private final Duration retryBackoff;

  private VaultSettings(Reader in) throws VaultFailure {
    this.vaultName = in.vaultName;
    this.keyPrefix = in.prefix;
    this.url = parseUrl(in);
    Optional<String> method = in.get("auth-method");
    this.authMethod = method.isEmpty() ? AuthMethod.TOKEN : AuthMethod.parse(method.get())
        .orElseThrow(() -> in.invalid("auth-method", "is not one of token, approle, kubernetes"));
    String tokenValue = null;
    String roleIdValue = null;
    String secretIdValue = null;
    String roleNameValue = null;
    switch (authMethod) {
      case TOKEN:
        tokenValue = in.get("token").or(() -> in.fallback("VAULT_TOKEN"))
            .orElseThrow(() -> in.missing("token", "VAULT_TOKEN", "auth_method token"));
        break;
      case APPROLE:
        roleIdValue = in.get("role-id").orElseThrow(() -> in.missing("role-id", null, "auth_method approle"));
        secretIdValue = in.get("secret-id").orElseThrow(() -> in.missing("secret-id", null, "auth_method approle"));
        break;
      case KUBERNETES:
        roleNameValue = in.get("role-name").orElseThrow(() -> in.missing("role-name", null, "auth_method kubernetes"));
        break;
      default:
        throw new IllegalStateException(authMethod.name());
    }
    this.token = tokenValue;
    this.roleId = roleIdValue;
    this.secretId = secretIdValue;
    this.roleName = roleNameValue;
    this.k8sTokenPath = in.get("k8s-token-path").orElse(DEFAULT_K8S_TOKEN_PATH);
    this.authMount = trimSlashes(in.get("auth-mount").orElse(authMethod.defaultMount()));
    if (authMount.isEmpty()) {
      throw in.invalid("auth-mount", "is empty");
    }
    this.namespace = in.get("namespace").or(() -> in.fallback("VAULT_NAMESPACE"))
        .map(VaultSettings::trimSlashes).filter(ns -> !ns.isEmpty()).orElse(null);
    Optional<String> ca = in.get("ca-cert");
    this.caCertSource = ca.isPresent() ? in.key("ca-cert")
        : in.fallback("VAULT_CACERT").isPresent() ? "VAULT_CACERT" : null;
    this.caCert = ca.or(() -> in.fallback("VAULT_CACERT")).orElse(null);
    this.tlsVerify = in.typed("tls-verify", ProviderContext::booleanSetting).orElse(true);
    this.defaultMountPoint = trimSlashes(in.get("default-mount-point").orElse("secret"));
    if (defaultMountPoint.isEmpty()) {
      throw in.invalid("default-mount-point", "is empty");
    }
    String kv = in.get("kv-version").orElse("v2");
    this.kvVersion = parseKvVersion(kv)
        .orElseThrow(() -> in.invalid("kv-version", "is neither v1 nor v2"));
    this.openTimeout = boundedDuration(in, "open-timeout", DEFAULT_OPEN_TIMEOUT);
    this.readTimeout = boundedDuration(in, "read-timeout", DEFAULT_READ_TIMEOUT);
    this.retryBackoff = boundedDuration(in, "retry-backoff", DEFAULT_RETRY_BACKOFF);
    long retryCount = in.typed("retries", ProviderContext::longSetting).orElse((long) DEFAULT_RETRIES);
    if (retryCount < 0 || retryCount > MAX_RETRIES) {
      throw in.invalid("retries", "must be a whole number from 0 to " + MAX_RETRIES);
    }
    this.retries = (int) retryCount;
  }

  /**
   * Reads the settings of the Vault named {@code vaultName}.
   *
   * @param context the runtime's settings and environment
   * @param vaultName {@code default} for the flat keys, else the name under {@code vaults.}
   * @return the checked settings
   * @throws VaultFailure naming the setting that is missing or invalid (never its value), or
   *     saying that no Vault of that name is configured
   */
  public static VaultSettings load(ProviderContext context, String vaultName) throws VaultFailure {
    if (vaultName.length() > MAX_VAULT_NAME) {
      throw VaultFailure.provider("Unknown HashiCorp Vault \"" + context.escape(vaultName, MAX_VAULT_NAME)
          + "\" (parameter \"vault\"): a Vault name has at most " + MAX_VAULT_NAME + " characters");
    }
    if (!VAULT_NAME.matcher(vaultName).matches()) {
      throw VaultFailure.provider("Unknown HashiCorp Vault \"" + context.escape(vaultName)
          + "\" (parameter \"vault\"): a Vault name is made of letters, digits, '-' and '_'");
    }
    Reader reader = new Reader(context, vaultName);
    if (!vaultName.equals(DEFAULT_VAULT) && reader.get("url").isEmpty()) {
      throw VaultFailure.provider("Unknown HashiCorp Vault \"" + vaultName
          + "\" (parameter \"vault\"): setting " + reader.key("url") + " is not set");
    }
    return new VaultSettings(reader);
  }

  /**
   * Parses a KV version, ignoring case and surrounding whitespace.
   *
   * @param value {@code v1}, {@code v2}, {@code 1} or {@code 2}
   * @return {@code 1} or {@code 2}, or empty for anything else
   */
  public static Optional<Integer> parseKvVersion(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "v1":
      case "1":
        return Optional.of(1);
      case "v2":
      case "2":
        return Optional.of(2);
      default:
        return Optional.empty();
    }
  }

  /**
   * Removes leading and trailing {@code /} and surrounding whitespace.
   *
   * @param value a path, mount or namespace
   * @return {@code value} without them
   */
  public static String trimSlashes(String value) {
    String s = value.strip();
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static URI parseUrl(Reader in) throws VaultFailure {
    String value = in.get("url").or(() -> in.fallback("VAULT_ADDR"))
        .orElseThrow(() -> in.missing("url", "VAULT_ADDR", "every Vault"));
    String source = in.get("url").isPresent() ? in.key("url") : "VAULT_ADDR";
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw VaultFailure.provider("Setting " + source + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw VaultFailure.provider("Setting " + source + " is not an http:// or https:// URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw VaultFailure.provider("Setting " + source
          + " must be scheme://host[:port][/path] without user information, query or fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      return new URI(scheme + "://" + uri.getRawAuthority() + path);
    } catch (URISyntaxException e) {
      throw VaultFailure.provider("Setting " + source + " is not a valid URL");
    }
  }

  private static Duration boundedDuration(Reader in, String name, Duration defaultValue)
      throws VaultFailure {
    Duration duration = in.typed(name, ProviderContext::durationSetting).orElse(defaultValue);
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_TIMEOUT) > 0) {
      throw in.invalid(name, "must be more than zero and at most 10 minutes");
    }
    return duration;
  }

  /** {@return the name of this Vault ({@code default} for the flat keys)} */
  public String vaultName() {
    return vaultName;
  }

  /**
   * Returns the full key of a setting of this Vault, for messages.
   *
   * @param name the setting's short name, for example {@code url}
   * @return for example {@code secrets4j.hashicorp-vault.vaults.emea.url}
   */
  public String key(String name) {
    return keyPrefix + name;
  }

  /** {@return the base URL without a trailing slash, for example {@code https://vault:8200}} */
  public URI url() {
    return url;
  }

  /** {@return how the provider authenticates to this Vault} */
  public AuthMethod authMethod() {
    return authMethod;
  }

  /** Returns the configured token; only for {@link AuthMethod#TOKEN}. Never print it. */
  String token() {
    return token;
  }

  String roleId() {
    return roleId;
  }

  /** Returns the AppRole secret-id. Never print it. */
  String secretId() {
    return secretId;
  }

  String roleName() {
    return roleName;
  }

  String k8sTokenPath() {
    return k8sTokenPath;
  }

  /** {@return the mount of the auth method, without slashes, for example {@code approle}} */
  public String authMount() {
    return authMount;
  }

  /** {@return the namespace sent as {@code X-Vault-Namespace}, if any} */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** {@return the PEM file of the CA certificates to trust, if any} */
  public Optional<String> caCert() {
    return Optional.ofNullable(caCert);
  }

  /** Returns the setting or variable the CA file came from, for messages. */
  String caCertSource() {
    return caCertSource;
  }

  /** {@return whether the server's certificate and host name are verified} */
  public boolean tlsVerify() {
    return tlsVerify;
  }

  /** {@return the KV mount used when a secret names none, without surrounding slashes} */
  public String defaultMountPoint() {
    return defaultMountPoint;
  }

  /** {@return the default KV version, 1 or 2} */
  public int kvVersion() {
    return kvVersion;
  }

  /** {@return how long to wait for a connection} */
  public Duration openTimeout() {
    return openTimeout;
  }

  /** {@return how long to wait for an answer} */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return how many times a transient failure is retried (attempts = retries + 1)} */
  public int retries() {
    return retries;
  }

  /** {@return the first back-off; it doubles on each retry} */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** Shows every setting but prints {@code ██} for the token and the secret-id. */
  @Override
  public String toString() {
    return "VaultSettings{vault=" + vaultName + ", url=" + url + ", authMethod=" + authMethod
        + ", token=" + (token == null ? "none" : "██")
        + ", roleId=" + (roleId == null ? "none" : roleId)
        + ", secretId=" + (secretId == null ? "none" : "██")
        + ", roleName=" + (roleName == null ? "none" : roleName)
        + ", authMount=" + authMount + ", namespace=" + (namespace == null ? "none" : namespace)
        + ", caCert=" + (caCert == null ? "none" : caCert) + ", tlsVerify=" + tlsVerify
        + ", defaultMountPoint=" + defaultMountPoint + ", kvVersion=v" + kvVersion
        + ", openTimeout=" + openTimeout + ", readTimeout=" + readTimeout + ", retries=" + retries
        + ", retryBackoff=" + retryBackoff + "}";
  }

  /** Reads the keys of one Vault from the runtime's settings and environment. */
  private static final class Reader {
    private final ProviderContext context;
    private final String vaultName;
    private final String prefix;

    Reader(ProviderContext context, String vaultName) {
      this.context = context;
      this.vaultName = vaultName;
      this.prefix = vaultName.equals(DEFAULT_VAULT) ? PREFIX : PREFIX + "vaults." + vaultName + ".";
    }

    String key(String name) {
      return prefix + name;
    }

    Optional<String> get(String name) {
      return context.setting(key(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * Reads a setting with one of the context's typed readers, such as
     * {@link ProviderContext#durationSetting}: the runtime's one grammar and its message.
     */
    <T> Optional<T> typed(String name, BiFunction<ProviderContext, String, Optional<T>> reader)
        throws VaultFailure {
      try {
        return reader.apply(context, key(name));
      } catch (IllegalArgumentException e) {
        // Settings are read on the first use of a Vault, not while the provider is created, so
        // the runtime would not turn this into a SecretProviderError: the provider does.
        throw VaultFailure.provider(e.getMessage());
      }
    }

    /** The Vault CLI's variables configure the default Vault only. */
    Optional<String> fallback(String variable) {
      if (!vaultName.equals(DEFAULT_VAULT)) {
        return Optional.empty();
      }
      return context.environmentVariable(variable).map(String::strip).filter(v -> !v.isEmpty());
    }

    VaultFailure missing(String name, String variable, String neededFor) {
      String alternative = variable != null && vaultName.equals(DEFAULT_VAULT)
          ? " (nor is " + variable + ")" : "";
      return VaultFailure.provider("Setting " + key(name) + " is not set" + alternative
          + "; it is required for " + neededFor + " (HashiCorp Vault \"" + vaultName + "\")");
    }

    VaultFailure invalid(String name, String problem) {
      return VaultFailure.provider("Setting " + key(name) + " " + problem);
    }
  }
}
