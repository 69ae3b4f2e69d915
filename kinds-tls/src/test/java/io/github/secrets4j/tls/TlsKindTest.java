package io.github.secrets4j.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.SecretValueInvalidError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.testkit.InMemorySecretsProvider;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kind {@code tls}: every key format it reads, every refusal, and its discovery. */
class TlsKindTest {
  private static final String PASSWORD = "canary-pass-7f3a9c";

  private final InMemorySecretsProvider memory = InMemorySecretsProvider.create();
  private final Secrets secrets = Secrets.builder().provider(memory).build();

  @BeforeEach
  void clearLogs() {
    CapturingLogs.clear();
  }

  @AfterEach
  void close() {
    secrets.close();
  }

  private static void refused(String value, String message) {
    refused(TlsKind.TLS, value, message);
  }

  private static void refused(TlsKind kind, String value, String message) {
    assertThatThrownBy(() -> kind.parse(value)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message).hasNoCause();
  }

  /** The base64 body of a PEM block, to look for key material in messages and logs. */
  private static String body(String pem) {
    return pem.lines().filter(line -> !line.startsWith("-----") && !line.contains(":"))
        .filter(line -> !line.isBlank()).findFirst().orElseThrow();
  }

  /** The number that makes a key what it is, whatever its encoding. */
  private static java.math.BigInteger secretPart(java.security.PrivateKey key) {
    return key instanceof java.security.interfaces.RSAPrivateKey
        ? ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent()
        : ((java.security.interfaces.ECPrivateKey) key).getS();
  }

  private static void readsAs(Pki.Chain chain, String value, String... keyAlgorithms) {
    TlsMaterial material = TlsKind.TLS.parse(value);
    assertThat(material.certificateChain()).containsExactly(chain.leaf, chain.intermediate);
    // A SEC1 key comes through Bouncy Castle's converter, which names EC keys "ECDSA".
    assertThat(material.privateKey().getAlgorithm()).isIn((Object[]) keyAlgorithms);
    assertThat(secretPart(material.privateKey())).isEqualTo(secretPart(chain.leafKeys.getPrivate()));
    assertThat(material.notAfter()).isEqualTo(chain.leaf.getNotAfter().toInstant());
  }

  @Test
  void readsRsaKeysInPkcs1AndPkcs8() {
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    String pkcs1 = Pki.pem(chain.leafKeys.getPrivate());
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    readsAs(chain, chain.certificates() + pkcs1, "RSA");
    readsAs(chain, Pki.pkcs8(chain.leafKeys.getPrivate()) + chain.certificates(), "RSA");
  }

  @Test
  void readsEcKeysInSec1AndPkcs8() {
    Pki.Chain chain = new Pki.Chain(Pki.ec());
    String sec1 = Pki.pem(chain.leafKeys.getPrivate());
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
    readsAs(chain, chain.certificates() + sec1, "EC", "ECDSA");
    readsAs(chain, chain.certificates() + Pki.pkcs8(chain.leafKeys.getPrivate()), "EC", "ECDSA");
    // openssl ecparam -genkey writes the curve as a block of its own: it is ignored.
    readsAs(chain, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        + sec1 + chain.certificates(), "EC", "ECDSA");
  }

  @Test
  void readsAnEncryptedPkcs8KeyWithThePasswordOfAnotherSecret() {
    memory.put("tls-password", PASSWORD);
    Secret password = secrets.secret("TLS password").provider("in-memory")
        .parameter("key", "tls-password").build();
    for (KeyPair keys : List.of(Pki.rsa(), Pki.ec())) {
      Pki.Chain chain = new Pki.Chain(keys);
      String encrypted = Pki.encryptedPkcs8(keys.getPrivate(), PASSWORD);
      assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
      TlsMaterial material = TlsKind.withPassword(password).parse(chain.certificates() + encrypted);
      // The key matches the certificate (checked by parse); its encoding may differ (EC
      // parameters repeated inside the key).
      assertThat(material.certificateChain()).containsExactly(chain.leaf, chain.intermediate);

      refused(chain.certificates() + encrypted, "the private key is encrypted: read it with the "
          + "kind TlsKind.withPassword(passwordSecret)");
      memory.put("tls-password", "wrong");
      secrets.invalidateAll();
      assertThatThrownBy(() -> TlsKind.withPassword(password).parse(chain.certificates() + encrypted))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the private key could not be decrypted with the value of the "
              + "secret \"TLS password\" (")
          .hasNoCause();
      memory.put("tls-password", PASSWORD);
      secrets.invalidateAll();
    }
    assertThat(TlsKind.withPassword(password).name()).isEqualTo("tls");
    assertThat(TlsKind.withPassword(password))
        .hasToString("TlsKind{tls, password from secret \"TLS password\"}");
    memory.remove("tls-password");
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    assertThatThrownBy(() -> TlsKind.withPassword(password).parse(chain.certificates()
        + Pki.encryptedPkcs8(chain.leafKeys.getPrivate(), PASSWORD)))
        .as("a password secret that cannot be read fails as itself")
        .isInstanceOf(SecretValueNotFoundError.class);
    assertThatThrownBy(() -> TlsKind.withPassword(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anEncryptedKeyIsStoredThroughTheDiscoveredKindAndReadWithItsPassword() {
    memory.put("tls-password", PASSWORD);
    Secret password = secrets.secret("TLS password").provider("in-memory")
        .parameter("key", "tls-password").build();
    Pki.Chain chain = new Pki.Chain(Pki.ec());
    String encryptedKey = Pki.encryptedPkcs8(chain.leafKeys.getPrivate(), PASSWORD);
    String value = chain.certificates() + encryptedKey;
    SecretStore store = secrets.store("in-memory");
    SecretMetadata tls = SecretMetadata.builder().kind("tls").build();
    assertThat(secrets.kind("tls")).containsSame(TlsKind.TLS);
    store.put("web", value, tls);

    TlsMaterial material = store.secret("web").getValue(null, TlsKind.withPassword(password));
    assertThat(secretPart(material.privateKey())).isEqualTo(secretPart(chain.leafKeys.getPrivate()));
    assertThat(material.certificateChain()).containsExactly(chain.leaf, chain.intermediate);
    assertThatThrownBy(() -> store.secret("web").getValue(null, TlsKind.TLS))
        .isInstanceOf(SecretValueInvalidError.class)
        .hasMessageEndingWith("The value is not of the kind \"tls\": the private key is "
            + "encrypted: read it with the kind TlsKind.withPassword(passwordSecret)");

    // What the discovered kind can check without the password, it checks at put.
    String body = body(encryptedKey);
    String broken = chain.certificates() + "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + body.substring(0, 40) + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(() -> store.put("broken", broken, tls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key \"broken\": the value is not of the kind \"tls\": the encrypted private "
            + "key is not a well-formed encrypted PKCS#8 key (EncryptedPrivateKeyInfo); nothing "
            + "was written")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 40)));
    assertThatThrownBy(() -> store.put("unordered",
        Pki.pem(chain.intermediate, chain.leaf) + encryptedKey, tls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the chain is out of order: certificate 1 (subject "
            + "\"CN=Test Intermediate\")");
    assertThatThrownBy(() -> TlsKind.TLS.validate(chain.certificates() + encryptedKey
        + encryptedKey)).hasMessage("2 PEM private keys; exactly one is allowed");
    assertThat(store.describe("broken")).isEmpty();
    assertThat(store.describe("unordered")).isEmpty();

    // A kind with the password checks everything, the key's match too.
    String mismatched = chain.certificates()
        + Pki.encryptedPkcs8(Pki.ec().getPrivate(), PASSWORD);
    TlsKind.TLS.validate(mismatched);
    assertThatThrownBy(() -> TlsKind.withPassword(password).validate(mismatched))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key does not match certificate 1 (subject "
            + "\"O=secrets4j,CN=localhost\")");
    TlsKind.withPassword(password).validate(value);
    assertThatThrownBy(() -> TlsKind.TLS.validate(chain.certificates()
        + Pki.pkcs8(Pki.ec().getPrivate()))).as("an unencrypted key is matched at put")
        .hasMessage("the private key does not match certificate 1 (subject "
            + "\"O=secrets4j,CN=localhost\")");
  }

  @Test
  void refusesAKeyThatDoesNotMatchTheCertificate() {
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    refused(chain.certificates() + Pki.pkcs8(Pki.rsa().getPrivate()),
        "the private key does not match certificate 1 (subject \"O=secrets4j,CN=localhost\")");
    refused(chain.certificates() + Pki.pkcs8(Pki.ec().getPrivate()),
        "the private key does not match certificate 1 (subject \"O=secrets4j,CN=localhost\")");
  }

  @Test
  void refusesAChainOutOfOrder() {
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    String key = Pki.pkcs8(chain.leafKeys.getPrivate());
    refused(Pki.pem(chain.leaf, chain.root, chain.intermediate) + key,
        "the chain is out of order: certificate 1 (subject \"O=secrets4j,CN=localhost\") is not "
            + "issued by certificate 2 (subject \"CN=Test Root\"); put the certificate of the key "
            + "first, then each issuer in turn");
    // The intermediate's key signs a certificate that names another issuer: the names and the
    // signature must both fit.
    X509Certificate forged = Pki.certificate("CN=localhost", chain.leafKeys.getPublic(),
        "CN=Test Intermediate", Pki.rsa().getPrivate(), false, Duration.ofDays(10));
    refused(Pki.pem(forged, chain.intermediate) + key,
        "the chain is out of order: certificate 1 (subject \"CN=localhost\") is not issued by "
            + "certificate 2 (subject \"CN=Test Intermediate\"); put the certificate of the key "
            + "first, then each issuer in turn");
    assertThat(TlsKind.TLS.parse(Pki.pem(chain.leaf, chain.intermediate, chain.root) + key)
        .certificateChain()).as("with the root").containsExactly(chain.leaf, chain.intermediate,
            chain.root);
  }

  @Test
  void refusesAnExpiredCertificateAndOneNotValidYet() {
    KeyPair keys = Pki.rsa();
    Instant now = Instant.now();
    X509Certificate expired = Pki.certificate("CN=old", keys.getPublic(), "CN=old",
        keys.getPrivate(), false, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> TlsKind.TLS.parse(Pki.pem(expired) + Pki.pkcs8(keys.getPrivate())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("certificate 1 (subject \"CN=old\") expired at "
            + expired.getNotAfter().toInstant());
    X509Certificate future = Pki.certificate("CN=new", keys.getPublic(), "CN=new",
        keys.getPrivate(), false, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    refused(Pki.pem(future) + Pki.pkcs8(keys.getPrivate()),
        "certificate 1 (subject \"CN=new\") is not valid before "
            + future.getNotBefore().toInstant());
  }

  @Test
  void anExpiringCertificateWarnsWithoutKeyMaterial() {
    assertThat(logsStarted()).as("the test JVM logs through CapturingLogs").isTrue();
    Pki.Chain chain = new Pki.Chain(Pki.rsa(), Duration.ofDays(10));
    String key = Pki.pkcs8(chain.leafKeys.getPrivate());
    TlsMaterial material = TlsKind.TLS.parse(chain.certificates() + key);
    assertThat(material.notAfter()).isEqualTo(chain.leaf.getNotAfter().toInstant());
    assertThat(CapturingLogs.events()).singleElement().asString()
        .contains("WARN")
        .contains("TLS certificate 1 (subject \"O=secrets4j,CN=localhost\") expires at "
            + chain.leaf.getNotAfter().toInstant() + ", within 30 days")
        .doesNotContain(body(key));
    assertThat(TlsKind.EXPIRY_WARNING).isEqualTo(Duration.ofDays(30));

    // Once per certificate and kind: parsing it again (a read, a put) does not warn again.
    TlsKind.TLS.parse(chain.certificates() + key);
    TlsKind.TLS.validate(chain.certificates() + key);
    assertThat(CapturingLogs.events()).hasSize(1);
    TlsKind.TLS.withTimeSource(InstantSource.system()).parse(chain.certificates() + key);
    assertThat(CapturingLogs.events()).as("another kind instance warns once too").hasSize(2);
    TlsKind.TLS.parse(freshValue(Duration.ofDays(10)));
    assertThat(CapturingLogs.events()).as("another certificate").hasSize(3);

    CapturingLogs.clear();
    TlsKind.TLS.parse(freshValue(Duration.ofDays(31)));
    assertThat(CapturingLogs.events()).isEmpty();
  }

  private static boolean logsStarted() {
    org.slf4j.LoggerFactory.getLogger(TlsKindTest.class);
    return CapturingLogs.isActive();
  }

  private static String freshValue(Duration validFor) {
    Pki.Chain chain = new Pki.Chain(Pki.rsa(), validFor);
    return chain.certificates() + Pki.pkcs8(chain.leafKeys.getPrivate());
  }

  @Test
  void validityIsCheckedAgainstTheKindsTimeSource() {
    KeyPair keys = Pki.rsa();
    Instant now = Instant.now();
    X509Certificate certificate = Pki.certificate("CN=year", keys.getPublic(), "CN=year",
        keys.getPrivate(), false, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    String value = Pki.pem(certificate) + Pki.pkcs8(keys.getPrivate());
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant notBefore = certificate.getNotBefore().toInstant();
    assertThat(TlsKind.TLS.parse(value).notAfter()).isEqualTo(notAfter);
    assertThat(CapturingLogs.events()).isEmpty();

    TlsKind later = TlsKind.TLS.withTimeSource(() -> notAfter.plusSeconds(1));
    refused(later, value, "certificate 1 (subject \"CN=year\") expired at " + notAfter);
    assertThatThrownBy(() -> later.validate(value)).hasMessage("certificate 1 (subject "
        + "\"CN=year\") expired at " + notAfter);
    refused(TlsKind.TLS.withTimeSource(() -> notBefore.minusSeconds(1)), value,
        "certificate 1 (subject \"CN=year\") is not valid before " + notBefore);
    TlsKind.TLS.withTimeSource(() -> notAfter.minus(Duration.ofDays(2))).parse(value);
    assertThat(CapturingLogs.events()).singleElement().asString()
        .contains("TLS certificate 1 (subject \"CN=year\") expires at " + notAfter);

    // The clock is kept with the password; a runtime checks puts with a wired kind.
    memory.put("tls-password", PASSWORD);
    Secret password = secrets.secret("TLS password").provider("in-memory")
        .parameter("key", "tls-password").build();
    String encrypted = Pki.pem(certificate) + Pki.encryptedPkcs8(keys.getPrivate(), PASSWORD);
    refused(TlsKind.withPassword(password).withTimeSource(() -> notAfter.plusSeconds(1)),
        encrypted, "certificate 1 (subject \"CN=year\") expired at " + notAfter);
    assertThat(TlsKind.withPassword(password).withTimeSource(InstantSource.system())
        .parse(encrypted).notAfter()).isEqualTo(notAfter);
    try (Secrets runtime = Secrets.builder().provider(memory)
        .kind(TlsKind.TLS.withTimeSource(() -> notAfter.plusSeconds(1))).build()) {
      assertThatThrownBy(() -> runtime.store("in-memory").put("web", value,
          SecretMetadata.builder().kind("tls").build()))
          .hasMessage("Key \"web\": the value is not of the kind \"tls\": certificate 1 "
              + "(subject \"CN=year\") expired at " + notAfter + "; nothing was written");
    }
    assertThatThrownBy(() -> TlsKind.TLS.withTimeSource(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesMissingOrSurplusBlocksAndLegacyEncryption() {
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    String key = Pki.pkcs8(chain.leafKeys.getPrivate());
    refused(key, "no PEM certificate (-----BEGIN CERTIFICATE-----)");
    refused(chain.certificates(), "no PEM private key (PRIVATE KEY, RSA PRIVATE KEY, "
        + "EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
    refused(chain.certificates() + key + key, "2 PEM private keys; exactly one is allowed");
    refused(chain.certificates() + Pki.legacyEncrypted(chain.leafKeys.getPrivate(), PASSWORD),
        "the private key is encrypted the legacy OpenSSL way (Proc-Type: 4,ENCRYPTED), which is "
            + "not supported; convert it to encrypted PKCS#8 (openssl pkcs8 -topk8)");
    String brokenKey = "-----BEGIN PRIVATE KEY-----\nAAAA" + body(key).substring(4, 40)
        + "\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> TlsKind.TLS.parse(chain.certificates() + brokenKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the private key could not be read (")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body(key).substring(4, 40)));
    String brokenCertificate = "-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(() -> TlsKind.TLS.parse(brokenCertificate + key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a PEM certificate could not be read (")
        .hasNoCause();
    assertThatThrownBy(() -> TlsKind.TLS.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void hostilePemIsRefusedInLinearTimeAndOverlongValuesAtOnce() {
    String begin = "-----BEGIN A-----\n";
    String unclosed = begin.repeat(PemBlocks.MAX_CHARS / begin.length());
    String dashes = "-----BEGIN " + "A".repeat(63) + "\n";
    String markers = dashes.repeat(PemBlocks.MAX_CHARS / dashes.length());
    String ends = "-----END A-----\n".repeat(PemBlocks.MAX_CHARS / 16);
    String manyBlocks = "-----BEGIN X-----\n-----END X-----\n".repeat(PemBlocks.MAX_CHARS / 34);
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    String valid = chain.certificates() + Pki.pkcs8(chain.leafKeys.getPrivate());
    // A valid value padded with hostile text after an unclosed block, to the limit.
    String padded = valid + "-----BEGIN CERTIFICATE-----\n"
        + "-".repeat(PemBlocks.MAX_CHARS - valid.length() - 28);
    assertThat(padded).hasSize(PemBlocks.MAX_CHARS);
    // The regex this replaced took 19 s for 256 KB of unclosed BEGIN lines (quadratic); a scan
    // takes milliseconds.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      refused(unclosed, "PEM block 1 has no END line before the next BEGIN line");
      refused(markers, "no PEM certificate (-----BEGIN CERTIFICATE-----)");
      refused(ends, "an END line after PEM block 0 has no BEGIN line");
      refused(manyBlocks, "more than 100 PEM blocks");
      refused(padded, "PEM block 4 has no END line");
      refused(valid + "x".repeat(PemBlocks.MAX_CHARS),
          "the value is longer than 1048576 chars, the most the kind tls reads");
      refused(valid.replace("-----END PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"),
          "the END line of PEM block 3 names another type than its BEGIN line");
    });
  }

  @Test
  void toStringShowsTheSubjectAndExpiryOnly() {
    Pki.Chain chain = new Pki.Chain(Pki.ec());
    String key = Pki.pkcs8(chain.leafKeys.getPrivate());
    TlsMaterial material = TlsKind.TLS.parse(chain.certificates() + key);
    assertThat(material).hasToString("TlsMaterial{subject=\"O=secrets4j,CN=localhost\", notAfter="
        + chain.leaf.getNotAfter().toInstant() + "}");
    assertThat(TlsKind.TLS).hasToString("TlsKind{tls}");
    assertThat(java.security.Security.getProvider("BC"))
        .as("Ayza registers Bouncy Castle once it reads PEM (README says so)").isNotNull();
    assertThat(material.certificateChain()).isUnmodifiable();
  }

  @Test
  void theKindIsDiscoveredByEveryRuntimeAndChecksPutsAndReads() {
    assertThat(secrets.kind("tls")).containsSame(TlsKind.TLS);
    assertThat(secrets.kindNames()).contains("env", "opaque", "tls");
    Pki.Chain chain = new Pki.Chain(Pki.rsa());
    String key = Pki.pkcs8(chain.leafKeys.getPrivate());
    SecretStore store = secrets.store("in-memory");
    SecretMetadata tls = SecretMetadata.builder().kind("tls").build();
    store.put("web", chain.certificates() + key, tls);
    TlsMaterial material = store.secret("web").getValue(null, TlsKind.TLS);
    assertThat(material.certificateChain()).containsExactly(chain.leaf, chain.intermediate);

    String mismatched = chain.certificates() + Pki.pkcs8(Pki.rsa().getPrivate());
    assertThatThrownBy(() -> store.put("web", mismatched, tls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key \"web\": the value is not of the kind \"tls\": the private key does not "
            + "match certificate 1 (subject \"O=secrets4j,CN=localhost\"); nothing was written");
    assertThat(store.describe("web").orElseThrow().version()).isEqualTo(1);

    memory.put("broken", mismatched);
    Secret broken = secrets.secret("Web TLS").provider("in-memory").parameter("key", "broken")
        .build();
    assertThatThrownBy(() -> broken.getValue(null, TlsKind.TLS))
        .isInstanceOf(SecretValueInvalidError.class)
        .hasMessage("Secret \"Web TLS\" (provider \"in-memory\"): The value is not of the kind "
            + "\"tls\": the private key does not match certificate 1 (subject "
            + "\"O=secrets4j,CN=localhost\")")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(body(mismatched)));
  }
}
