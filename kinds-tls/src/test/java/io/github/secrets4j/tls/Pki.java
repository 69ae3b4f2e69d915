package io.github.secrets4j.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Certificates and keys made at test time with Bouncy Castle, written as PEM. */
final class Pki {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(1);

  private Pki() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      // Bouncy Castle writes the curve into the key, as OpenSSL does in SEC1 (EC PRIVATE KEY).
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate valid from a day ago for {@code days} days from now. */
  static X509Certificate certificate(String subject, PublicKey key, String issuer,
      PrivateKey issuerKey, boolean ca, Duration validFor) {
    Instant now = Instant.now();
    return certificate(subject, key, issuer, issuerKey, ca, now.minus(Duration.ofDays(1)),
        now.plus(validFor));
  }

  static X509Certificate certificate(String subject, PublicKey key, String issuer,
      PrivateKey issuerKey, boolean ca, Instant notBefore, Instant notAfter) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
          BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
          new X500Name(subject), key);
      if (ca) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      } else {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
      }
      String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM of certificates, or of a key in its traditional form (PKCS#1 for RSA, SEC1 for EC). */
  static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static String pkcs8(PrivateKey key) {
    return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  static String encryptedPkcs8(PrivateKey key, String password) {
    try {
      return pem(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
          PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(password.toCharArray())
          .build()).generate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String legacyEncrypted(PrivateKey key, String password) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC)
          .build(password.toCharArray()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** A root CA, an intermediate CA and a server certificate for localhost. */
  static final class Chain {
    final KeyPair rootKeys = rsa();
    final X509Certificate root = certificate("CN=Test Root", rootKeys.getPublic(), "CN=Test Root",
        rootKeys.getPrivate(), true, Duration.ofDays(3650));
    final KeyPair intermediateKeys = rsa();
    final X509Certificate intermediate = certificate("CN=Test Intermediate",
        intermediateKeys.getPublic(), "CN=Test Root", rootKeys.getPrivate(), true,
        Duration.ofDays(1000));
    final KeyPair leafKeys;
    final X509Certificate leaf;

    Chain(KeyPair leafKeys, Duration validFor) {
      this.leafKeys = leafKeys;
      this.leaf = certificate("CN=localhost,O=secrets4j", leafKeys.getPublic(),
          "CN=Test Intermediate", intermediateKeys.getPrivate(), false, validFor);
    }

    Chain(KeyPair leafKeys) {
      this(leafKeys, Duration.ofDays(365));
    }

    String certificates() {
      return pem(leaf, intermediate);
    }
  }
}
