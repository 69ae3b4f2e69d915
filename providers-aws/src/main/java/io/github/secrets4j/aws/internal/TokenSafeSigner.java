package io.github.secrets4j.aws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with AWS Signature Version 4 without ever logging a session token.
 *
 * <p>The SDK's own signer logs the whole canonical request at DEBUG (logger
 * {@value #SDK_SIGNER_LOGGER}), and with temporary credentials that request holds the
 * {@code x-amz-security-token} header, i.e. the session token. SLF4J offers no way to raise that
 * logger's level from a library, so this signer decides per request: when the credentials carry
 * a session token and that logger is enabled for DEBUG, it signs itself, following the documented
 * SigV4 algorithm exactly as the SDK's signer does (same headers added, same signed headers, same
 * signature — checked by {@code TokenSafeSignerTest} against the SDK's signer) and logs nothing;
 * otherwise it hands the request to the SDK's signer, which then logs nothing secret.
 */
final class TokenSafeSigner implements HttpSigner<AwsCredentialsIdentity> {
  /** The logger of the SDK's SigV4 request signer, which logs the canonical request at DEBUG. */
  static final String SDK_SIGNER_LOGGER =
      "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";

  /** Headers the SDK's signer leaves out of the signature (a proxy may change them). */
  private static final Set<String> UNSIGNED = Set.of("connection", "x-amzn-trace-id",
      "user-agent", "expect", "transfer-encoding", "x-forwarded-for");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final AwsV4HttpSigner sdkSigner = AwsV4HttpSigner.create();
  private final org.slf4j.Logger sdkSignerLogger = LoggerFactory.getLogger(SDK_SIGNER_LOGGER);

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    if (request.identity() instanceof AwsSessionCredentialsIdentity
        && sdkSignerLogger.isDebugEnabled()) {
      return signQuietly(request);
    }
    return sdkSigner.sign(request);
  }

  /** Never called: the provider builds synchronous clients only. */
  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(
      AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    throw new UnsupportedOperationException("synchronous clients only");
  }

  /** SigV4 with the session token in a signed header, as the SDK's signer does; logs nothing. */
  static SignedRequest signQuietly(SignRequest<? extends AwsCredentialsIdentity> request) {
    AwsCredentialsIdentity identity = request.identity();
    String region = request.requireProperty(AwsV4HttpSigner.REGION_NAME);
    String service = request.requireProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME);
    Clock clock = request.hasProperty(HttpSigner.SIGNING_CLOCK)
        ? request.property(HttpSigner.SIGNING_CLOCK) : Clock.systemUTC();
    boolean doubleEncode = request.requireProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, true);
    java.time.Instant now = clock.instant();
    String time = TIME.format(now);
    String scope = DATE.format(now) + "/" + region + "/" + service + "/aws4_request";
    String payloadHash = hex(sha256(body(request.payload().orElse(null))));

    SdkHttpRequest.Builder signed = request.request().toBuilder();
    signed.putHeader("Host", host(request.request()));
    signed.putHeader("X-Amz-Date", time);
    signed.putHeader("x-amz-content-sha256", payloadHash);
    if (identity instanceof AwsSessionCredentialsIdentity session) {
      signed.putHeader("X-Amz-Security-Token", session.sessionToken());
    }

    Map<String, List<String>> headers = new TreeMap<>();
    signed.forEachHeader((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!UNSIGNED.contains(lower)) {
        headers.computeIfAbsent(lower, n -> new ArrayList<>()).addAll(values);
      }
    });
    StringBuilder canonicalHeaders = new StringBuilder();
    headers.forEach((name, values) -> {
      List<String> trimmed = new ArrayList<>(values.size());
      for (String value : values) {
        trimmed.add(value == null ? "" : value.strip().replaceAll("\\s+", " "));
      }
      canonicalHeaders.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    });
    String signedHeaders = String.join(";", headers.keySet());
    String canonicalRequest = request.request().method().name() + "\n"
        + canonicalPath(request.request().encodedPath(), doubleEncode) + "\n"
        + canonicalQuery(request.request().rawQueryParameters()) + "\n"
        + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
    String stringToSign = "AWS4-HMAC-SHA256\n" + time + "\n" + scope + "\n"
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + identity.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
        DATE.format(now));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));
    signed.putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + identity.accessKeyId()
        + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    return SignedRequest.builder().request(signed.build())
        .payload(request.payload().orElse(null)).build();
  }

  private static String host(SdkHttpRequest request) {
    int port = request.port();
    boolean standard = port == -1
        || ("https".equalsIgnoreCase(request.protocol()) && port == 443)
        || ("http".equalsIgnoreCase(request.protocol()) && port == 80);
    return standard ? request.host() : request.host() + ":" + port;
  }

  /** The path as sent, each segment URI-encoded once more (AWS services other than S3). */
  private static String canonicalPath(String encodedPath, boolean doubleEncode) {
    String path = encodedPath == null || encodedPath.isEmpty() ? "/" : encodedPath;
    if (!doubleEncode) {
      return path;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c == '/' || unreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String canonicalQuery(Map<String, List<String>> parameters) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    parameters.forEach((name, values) -> {
      List<String> encoded = new ArrayList<>();
      for (String value : values) {
        encoded.add(encode(value == null ? "" : value));
      }
      encoded.sort(null);
      sorted.put(encode(name), encoded);
    });
    List<String> pairs = new ArrayList<>();
    sorted.forEach((name, values) -> values.forEach(value -> pairs.add(name + "=" + value)));
    return String.join("&", pairs);
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (unreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~';
  }

  private static byte[] body(ContentStreamProvider payload) {
    if (payload == null) {
      return new byte[0];
    }
    try (InputStream in = payload.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body to sign it", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "TokenSafeSigner";
  }
}
