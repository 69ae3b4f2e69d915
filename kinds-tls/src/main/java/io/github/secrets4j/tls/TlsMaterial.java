package io.github.secrets4j.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A checked certificate chain and its private key, made by {@link TlsKind#parse}: the key belongs
 * to the first certificate, each certificate is issued by the next, and none had expired when it
 * was parsed.
 *
 * <p>Immutable and thread-safe; {@link #keyManagerFactory()} and {@link #sslContext()} make new
 * objects on each call. {@link #toString()} shows the first certificate's subject and
 * {@link #notAfter()}, never key material.
 */
public final class TlsMaterial {
  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;
  private final Instant notAfter;

  TlsMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    Instant earliest = Instant.MAX;
    for (X509Certificate certificate : chain) {
      Instant end = certificate.getNotAfter().toInstant();
      earliest = end.isBefore(earliest) ? end : earliest;
    }
    this.notAfter = earliest;
  }

  /**
   * Returns the certificate chain: the certificate of the key first, then each issuer in turn.
   *
   * @return the chain, at least one certificate, unmodifiable
   */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /**
   * Returns the private key of the first certificate.
   *
   * @return the key (handle it as the secret it is)
   */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Returns when the material stops being usable: the earliest expiry of the chain's certificates.
   *
   * @return the earliest {@code notAfter} of the chain
   */
  public Instant notAfter() {
    return notAfter;
  }

  /**
   * Returns a new key manager factory of the default algorithm that holds this chain and key (in
   * an in-memory PKCS#12 key store under a random password, which is then wiped).
   *
   * @return a new, initialized key manager factory
   * @throws IllegalStateException if the JDK cannot make one (its message names the failure's
   *     class only)
   */
  public KeyManagerFactory keyManagerFactory() {
    char[] password = new char[32];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", privateKey, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("The key managers could not be made: "
          + e.getClass().getName());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Returns a new TLS context that presents this chain and key, and trusts the JDK's default
   * trust store (for a client certificate of a peer, or the server a client talks to).
   *
   * @return a new, initialized {@code SSLContext} of protocol {@code TLS}
   * @throws IllegalStateException if the JDK cannot make one (its message names the failure's
   *     class only)
   */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagerFactory().getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The TLS context could not be made: "
          + e.getClass().getName());
    }
  }

  /** Shows the first certificate's subject and {@link #notAfter()}; never key material. */
  @Override
  public String toString() {
    return "TlsMaterial{subject=\"" + TlsKind.subject(chain.get(0)) + "\", notAfter=" + notAfter
        + "}";
  }
}
