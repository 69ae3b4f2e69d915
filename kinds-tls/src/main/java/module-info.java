/**
 * The secret kind {@code tls} of secrets4j: a PEM certificate chain and private key, checked and
 * turned into {@link io.github.secrets4j.tls.TlsMaterial}.
 */
module io.github.secrets4j.kind.tls {
  requires transitive io.github.secrets4j;
  requires nl.altindag.ssl.pem;
  requires org.slf4j;

  exports io.github.secrets4j.tls;

  provides io.github.secrets4j.spi.SecretKindProvider
      with io.github.secrets4j.tls.internal.TlsKindProvider;
}
