package io.github.secrets4j.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the {@link SSLContext} of a Vault's HTTP client from its TLS settings. */
final class Tls {
  private Tls() {}

  /**
   * Returns the context to use: the JDK default, one trusting only the CA certificates of
   * {@code ca-cert}, or, when verification is off, one that accepts any certificate and host.
   */
  static SSLContext context(VaultSettings settings) throws VaultFailure {
    try {
      if (!settings.tlsVerify()) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        return context;
      }
      if (settings.caCert().isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : readCertificates(settings)) {
        trusted.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw VaultFailure.provider("TLS could not be set up for HashiCorp Vault \""
          + settings.vaultName() + "\": " + e.getClass().getSimpleName());
    }
  }

  private static Collection<? extends Certificate> readCertificates(VaultSettings settings)
      throws VaultFailure {
    String source = settings.caCertSource();
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(Path.of(settings.caCert().orElseThrow()))) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | RuntimeException e) {
      throw VaultFailure.provider("The CA certificate file named by " + source
          + " cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw VaultFailure.provider("The CA certificate file named by " + source
          + " does not hold PEM certificates");
    }
    if (certificates.isEmpty()) {
      throw VaultFailure.provider("The CA certificate file named by " + source
          + " does not hold PEM certificates");
    }
    return certificates;
  }

  /** Accepts every certificate and, being an extended trust manager, every host name. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
