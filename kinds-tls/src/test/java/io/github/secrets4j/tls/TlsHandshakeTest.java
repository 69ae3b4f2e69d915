package io.github.secrets4j.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real TLS server on 127.0.0.1 presents {@link TlsMaterial}; a client verifies and talks to it. */
class TlsHandshakeTest {
  @Test
  @Timeout(30)
  void aServerMadeFromTlsMaterialCompletesAHandshakeWithAClientThatTrustsItsRoot()
      throws Exception {
    for (java.security.KeyPair keys : java.util.List.of(Pki.rsa(), Pki.ec())) {
      Pki.Chain chain = new Pki.Chain(keys);
      TlsMaterial material = TlsKind.TLS.parse(chain.certificates() + Pki.pem(keys.getPrivate()));

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("root", chain.root);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, trust.getTrustManagers(), null);

      ExecutorService executor = Executors.newSingleThreadExecutor();
      try (SSLServerSocket server = (SSLServerSocket) material.sslContext().getServerSocketFactory()
          .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Future<Integer> served = executor.submit(() -> {
          try (SSLSocket socket = (SSLSocket) server.accept()) {
            InputStream in = socket.getInputStream();
            int ping = in.read();
            socket.getOutputStream().write(ping + 1);
            socket.getOutputStream().flush();
            return ping;
          }
        });
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
            .createSocket("localhost", server.getLocalPort())) {
          // Check the host name as HTTPS does: the certificate is for localhost.
          javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          socket.setSSLParameters(parameters);
          socket.startHandshake();
          X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
          assertThat(presented).isEqualTo(chain.leaf);
          assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
          OutputStream out = socket.getOutputStream();
          out.write(41);
          out.flush();
          assertThat(socket.getInputStream().read()).isEqualTo(42);
        }
        assertThat(served.get(20, TimeUnit.SECONDS)).isEqualTo(41);
      } finally {
        executor.shutdownNow();
      }
      assertThat(material.keyManagerFactory().getKeyManagers()).isNotEmpty();
    }
  }
}
