package io.github.secrets4j.tls;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretKind;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.EncryptedPrivateKeyInfo;
import nl.altindag.ssl.pem.util.PemUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret kind {@code tls}: PEM text holding a certificate chain and its private key, checked
 * and turned into {@link TlsMaterial}. Discovered by every runtime that has this module
 * ({@code Secrets.kind("tls")}); read with {@code secret.getValue(obj, TlsKind.TLS)}.
 *
 * <p>The value holds, in any order, one or more {@code CERTIFICATE} blocks (the chain: the
 * certificate of the key first, then each issuer in turn; the root may be left out) and exactly one
 * private key: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}), SEC1 EC
 * ({@code EC PRIVATE KEY}), or encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), which only a kind
 * made by {@link #withPassword(Secret)} can {@link #parse} ({@link #TLS} refuses it, naming
 * {@code withPassword}); {@link #validate}, which a store's put calls, accepts it with {@link #TLS}
 * after checking what it can without the password, so such a value can be stored. Other PEM blocks (such as {@code EC PARAMETERS},
 * which {@code openssl ecparam} writes) and text between blocks are ignored; every
 * {@code -----BEGIN TYPE-----} line must be closed by its {@code -----END TYPE-----} line before the
 * next BEGIN. A value longer than 1 MiB (1,048,576 chars) or holding more than 100 PEM blocks is
 * refused before it is read. Each block is read by Ayza's {@code PemUtils} (formerly
 * sslcontext-kickstart) on Bouncy Castle.
 *
 * <p>{@link #parse} refuses (with an {@link IllegalArgumentException} that names the certificate by
 * position and subject, never key material): no certificate, no key or several, a key it cannot
 * read, a key that does not belong to the first certificate, a chain out of order (a certificate
 * not issued and signed by the next), and a certificate that has expired or is not valid yet. A
 * certificate that expires within {@link #EXPIRY_WARNING} is accepted with a warning logged
 * through SLF4J (logger {@code io.github.secrets4j.tls.TlsKind}) naming its subject and expiry,
 * once per certificate and kind instance (a kind remembers up to 1,024 certificates, then starts
 * over). The time is the system's, or the one given to {@link #withTimeSource}.
 *
 * <p>Thread-safe; its only state is the memory of the warnings it gave, which does not change what
 * it accepts.
 */
public final class TlsKind implements SecretKind<TlsMaterial> {
  /** The kind's name. */
  public static final String NAME = "tls";

  /** How far ahead of a certificate's expiry {@link #parse} warns. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  /** The kind {@code tls}, for unencrypted private keys. */
  public static final TlsKind TLS = new TlsKind(null, InstantSource.system());

  private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
  private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "RSA PRIVATE KEY",
      "EC PRIVATE KEY", ENCRYPTED);
  private static final Pattern WHITESPACE = Pattern.compile("\\s");
  private static final Pattern LEGACY_ENCRYPTION = Pattern.compile("Proc-Type:\\s*4,\\s*ENCRYPTED");
  private static final int MAX_SUBJECT = 200;
  /** How many certificates a kind remembers having warned about before it forgets them all. */
  private static final int MAX_WARNED = 1_024;

  private final Secret passwordSecret;
  private final InstantSource timeSource;
  /** The certificates whose expiry this kind has warned about. */
  private final Set<X509Certificate> warned = ConcurrentHashMap.newKeySet();

  private TlsKind(Secret passwordSecret, InstantSource timeSource) {
    this.passwordSecret = passwordSecret;
    this.timeSource = timeSource;
  }

  /**
   * Returns a kind {@code tls} that also reads an encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE
   * KEY}), with the value of {@code passwordSecret} as the password. The password secret is read
   * (through its own runtime, without an object) each time a value with an encrypted key is
   * parsed, and never when the key is not encrypted. Pass this kind to
   * {@code secret.getValue(obj, kind)}; a runtime's discovered {@code tls} kind is {@link #TLS},
   * which refuses encrypted keys.
   *
   * @param passwordSecret the secret whose value is the key's password
   * @return a kind named {@value #NAME} that decrypts keys with that password
   * @throws NullPointerException if {@code passwordSecret} is null
   */
  public static TlsKind withPassword(Secret passwordSecret) {
    return new TlsKind(Objects.requireNonNull(passwordSecret, "passwordSecret"),
        InstantSource.system());
  }

  /**
   * Returns a kind like this one (the same password secret, if any) that tells the time with
   * {@code timeSource} when it checks expiry and validity, and has not warned about any
   * certificate yet. To make a runtime check puts with it, wire it:
   * {@code Secrets.builder().kind(TlsKind.TLS.withTimeSource(clock))} (a wired kind wins over the
   * discovered one).
   *
   * @param timeSource the clock to check certificates' validity against
   * @return a new kind named {@value #NAME}
   * @throws NullPointerException if {@code timeSource} is null
   */
  public TlsKind withTimeSource(InstantSource timeSource) {
    return new TlsKind(passwordSecret, Objects.requireNonNull(timeSource, "timeSource"));
  }

  /**
   * Returns {@value #NAME}.
   *
   * @return the kind's name
   */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Reads and checks a certificate chain and its private key.
   *
   * @param value PEM text: certificates and one private key
   * @return the material
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the value is refused (see the class description); the
   *     message never holds key material
   * @throws io.github.secrets4j.SecretError if the password secret cannot be read
   */
  @Override
  public TlsMaterial parse(String value) {
    return read(value, true);
  }

  /**
   * Checks a certificate chain and its private key without converting them, as a store's put
   * does. As {@link #parse}, except for an encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE KEY})
   * when this kind has no password ({@link #TLS}, the kind a runtime discovers): its structure is
   * checked (a well-formed {@code EncryptedPrivateKeyInfo}), and the chain (its order and
   * validity), but not whether the key matches the first certificate, which takes the password;
   * {@code getValue(obj, TlsKind.withPassword(passwordSecret))} checks that when it reads the
   * value. A kind made by {@link #withPassword(Secret)} checks everything, reading its password
   * secret.
   *
   * @param value PEM text: certificates and one private key
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the value is refused; the message never holds key
   *     material
   * @throws io.github.secrets4j.SecretError if the password secret cannot be read
   */
  @Override
  public void validate(String value) {
    read(value, false);
  }

  /** Checks the value; returns null only when asked to check, not convert, an encrypted key. */
  private TlsMaterial read(String value, boolean convert) {
    Objects.requireNonNull(value, "value");
    StringBuilder certificates = new StringBuilder();
    List<String> keys = new ArrayList<>();
    List<String> keyTypes = new ArrayList<>();
    for (PemBlocks.Block block : PemBlocks.read(value)) {
      if (block.type.equals("CERTIFICATE")) {
        certificates.append(block.text).append('\n');
      } else if (KEY_TYPES.contains(block.type)) {
        keys.add(block.text);
        keyTypes.add(block.type);
      }
    }
    if (certificates.length() == 0) {
      throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no PEM private key (PRIVATE KEY, RSA PRIVATE KEY, "
          + "EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
    }
    if (keys.size() > 1) {
      throw new IllegalArgumentException(keys.size() + " PEM private keys; exactly one is allowed");
    }
    if (!convert && passwordSecret == null && keyTypes.get(0).equals(ENCRYPTED)) {
      checkEncryptedKey(keys.get(0));
      List<X509Certificate> chain = certificates(certificates.toString());
      checkOrder(chain);
      checkValidity(chain);
      return null;
    }
    PrivateKey key = privateKey(keys.get(0), keyTypes.get(0));
    List<X509Certificate> chain = certificates(certificates.toString());
    checkKeyMatches(key, chain.get(0));
    checkOrder(chain);
    checkValidity(chain);
    return new TlsMaterial(chain, key);
  }

  private static List<X509Certificate> certificates(String blocks) {
    List<X509Certificate> chain;
    try {
      chain = PemUtils.parseCertificate(blocks);
    } catch (RuntimeException e) {
      // The library's message may quote the PEM text: only the exception's kind is kept.
      throw new IllegalArgumentException("a PEM certificate could not be read ("
          + e.getClass().getSimpleName() + ")");
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate could be read");
    }
    return List.copyOf(chain);
  }

  /** Checks that an encrypted PKCS#8 block holds a well-formed EncryptedPrivateKeyInfo. */
  private static void checkEncryptedKey(String block) {
    String body = block.substring(("-----BEGIN " + ENCRYPTED + "-----").length(),
        block.length() - ("-----END " + ENCRYPTED + "-----").length());
    boolean wellFormed;
    try {
      byte[] der = Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""));
      wellFormed = new EncryptedPrivateKeyInfo(der).getEncryptedData().length > 0;
    } catch (IOException | RuntimeException e) {
      wellFormed = false;
    }
    if (!wellFormed) {
      throw new IllegalArgumentException("the encrypted private key is not a well-formed "
          + "encrypted PKCS#8 key (EncryptedPrivateKeyInfo)");
    }
  }

  private PrivateKey privateKey(String block, String type) {
    if (LEGACY_ENCRYPTION.matcher(block).find()) {
      throw new IllegalArgumentException("the private key is encrypted the legacy OpenSSL way "
          + "(Proc-Type: 4,ENCRYPTED), which is not supported; convert it to encrypted PKCS#8 "
          + "(openssl pkcs8 -topk8)");
    }
    if (!type.equals(ENCRYPTED)) {
      return readKey(block, null);
    }
    if (passwordSecret == null) {
      throw new IllegalArgumentException("the private key is encrypted: read it with the kind "
          + "TlsKind.withPassword(passwordSecret)");
    }
    char[] password = passwordSecret.getValue().toCharArray();
    try {
      return readKey(block, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private PrivateKey readKey(String value, char[] password) {
    try {
      PrivateKey key = password == null ? PemUtils.parsePrivateKey(value)
          : PemUtils.parsePrivateKey(value, password);
      if (key == null) {
        throw new IllegalArgumentException("the private key could not be read");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // The library's message may quote the PEM text: only the exception's kind is kept.
      throw new IllegalArgumentException(password == null
          ? "the private key could not be read (" + e.getClass().getSimpleName() + ")"
          : "the private key could not be decrypted with the value of the secret \""
              + escape(passwordSecret.name()) + "\" (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Signs random bytes with the key and verifies them with the certificate's public key. */
  private static void checkKeyMatches(PrivateKey key, X509Certificate certificate) {
    String algorithm = signatureAlgorithm(key);
    PublicKey publicKey = certificate.getPublicKey();
    boolean matches;
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A key of one algorithm and a certificate of another land here too.
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException("the private key does not match certificate 1 (subject \""
          + subject(certificate) + "\")");
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    switch (key.getAlgorithm()) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
      case "ECDSA":
        return "SHA256withECDSA";
      case "Ed25519":
      case "EdDSA":
        return "Ed25519";
      case "Ed448":
        return "Ed448";
      case "DSA":
        return "SHA256withDSA";
      default:
        throw new IllegalArgumentException("private keys of the algorithm \""
            + escape(key.getAlgorithm()) + "\" are not supported");
    }
  }

  private static void checkOrder(List<X509Certificate> chain) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      boolean issued = certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
      if (issued) {
        try {
          certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
          issued = false;
        }
      }
      if (!issued) {
        throw new IllegalArgumentException("the chain is out of order: certificate " + (i + 1)
            + " (subject \"" + subject(certificate) + "\") is not issued by certificate "
            + (i + 2) + " (subject \"" + subject(issuer) + "\"); put the certificate of the key "
            + "first, then each issuer in turn");
      }
    }
  }

  private void checkValidity(List<X509Certificate> chain) {
    Instant now = timeSource.instant();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      Instant notAfter = certificate.getNotAfter().toInstant();
      Instant notBefore = certificate.getNotBefore().toInstant();
      if (now.isAfter(notAfter)) {
        throw new IllegalArgumentException("certificate " + (i + 1) + " (subject \""
            + subject(certificate) + "\") expired at " + notAfter);
      }
      if (now.isBefore(notBefore)) {
        throw new IllegalArgumentException("certificate " + (i + 1) + " (subject \""
            + subject(certificate) + "\") is not valid before " + notBefore);
      }
      if (now.plus(EXPIRY_WARNING).isAfter(notAfter) && firstWarning(certificate)) {
        Log.LOG.warn("TLS certificate {} (subject \"{}\") expires at {}, within {} days",
            i + 1, subject(certificate), notAfter, EXPIRY_WARNING.toDays());
      }
    }
  }

  /** Whether this kind has not warned about the certificate yet; remembers it. */
  private boolean firstWarning(X509Certificate certificate) {
    if (warned.size() >= MAX_WARNED) {
      warned.clear();
    }
    return warned.add(certificate);
  }

  /** The certificate's subject, escaped and bounded. */
  static String subject(X509Certificate certificate) {
    return escape(certificate.getSubjectX500Principal().getName());
  }

  /** Escapes control and format characters and bounds the text, as secrets4j's messages do. */
  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == MAX_SUBJECT) {
        return out.append("...").toString();
      }
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      shown++;
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /** Names the kind and whether it reads encrypted keys; never the password. */
  @Override
  public String toString() {
    return passwordSecret == null ? "TlsKind{tls}"
        : "TlsKind{tls, password from secret \"" + escape(passwordSecret.name()) + "\"}";
  }

  /** The logger, created on first use. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(TlsKind.class);
  }
}
