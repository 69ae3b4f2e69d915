package io.github.secrets4j.aws.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as the fake checks it: parses an {@code Authorization} header and
 * recomputes the signature of a request from its method, path, headers and body.
 */
public final class SigV4 {
  private static final Pattern HEADER = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
          + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");

  /**
   * The parts of an {@code Authorization} header.
   *
   * @param accessKeyId the access key id (not a secret, but never a secret key)
   * @param date the credential scope date, {@code yyyyMMdd}
   * @param region the credential scope region
   * @param service the credential scope service
   * @param signedHeaders the signed header names, lower case
   * @param signature the hex signature
   */
  public record Authorization(String accessKeyId, String date, String region, String service,
      List<String> signedHeaders, String signature) {}

  private SigV4() {}

  /** Parses an {@code AWS4-HMAC-SHA256} authorization header; empty when it is not one. */
  public static Optional<Authorization> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = HEADER.matcher(header.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Authorization(m.group(1), m.group(2), m.group(3), m.group(4),
        List.of(m.group(5).split(";")), m.group(6)));
  }

  /**
   * Recomputes the signature.
   *
   * @param auth the parsed header
   * @param secretAccessKey the secret key of {@code auth.accessKeyId()}
   * @param method the HTTP method
   * @param path the raw request path
   * @param headers lower-case header name to values
   * @param body the request body
   * @return whether the signature matches
   */
  public static boolean verify(Authorization auth, String secretAccessKey, String method,
      String path, Map<String, List<String>> headers, byte[] body) {
    List<String> amzDate = headers.get("x-amz-date");
    if (amzDate == null || amzDate.isEmpty()) {
      return false;
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(path).append('\n').append('\n');
    for (String name : auth.signedHeaders()) {
      List<String> values = headers.get(name);
      if (values == null) {
        return false;
      }
      List<String> trimmed = new ArrayList<>();
      for (String value : values) {
        trimmed.add(value.strip().replaceAll("\\s+", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(String.join(";", auth.signedHeaders())).append('\n')
        .append(hex(sha256(body)));
    String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate.get(0) + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, toSign));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
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
}
