package io.github.secrets4j.vault.internal;

import java.util.Set;

/**
 * Decides whether a rendered {@code path} or {@code mount_point} could make a request reach
 * another API than the KV read it names. Each segment is percent-encoded when sent
 * ({@link VaultHttp#encodePath}), so {@code ?}, {@code #} and {@code %} cannot change the request;
 * what is refused is what a server or a proxy in between could still read as a change of
 * directory.
 */
public final class VaultPaths {
  /** Rounds of percent-decoding looked through; text still decoding after them is refused. */
  private static final int MAX_DECODING_ROUNDS = 8;
  /** Vault's own APIs: Vault refuses to mount a secrets engine at or under these. */
  private static final Set<String> SYSTEM_MOUNTS = Set.of("sys", "auth", "audit", "identity");

  private VaultPaths() {}

  /**
   * Returns whether {@code value} (surrounding slashes already removed) has a {@code .} or
   * {@code ..} segment, an empty segment ({@code a//b}) or a backslash, as written or after
   * percent-decoding it once or several times ({@code %2e%2e}, {@code %252e%252e},
   * {@code a%2f..%2fb}).
   *
   * @param value a rendered path or mount point
   * @return {@code true} if it must be refused
   */
  public static boolean changesTarget(String value) {
    String text = value;
    for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
      if (hasUnsafeSegment(text)) {
        return true;
      }
      String decoded = decodeAscii(text);
      if (decoded.equals(text)) {
        return false;
      }
      text = decoded;
    }
    return true;
  }

  /**
   * Returns whether {@code mount} (surrounding slashes removed) starts with one of Vault's own
   * APIs, {@code sys}, {@code auth}, {@code audit} or {@code identity}, as written or
   * percent-decoded: no KV engine can be mounted there, so such a mount point can only be an
   * attempt to read something else.
   *
   * @param mount a rendered mount point
   * @return {@code true} if it must be refused
   */
  public static boolean namesSystemApi(String mount) {
    String text = mount;
    for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
      int slash = text.indexOf('/');
      if (SYSTEM_MOUNTS.contains(slash < 0 ? text : text.substring(0, slash))) {
        return true;
      }
      String decoded = decodeAscii(text);
      if (decoded.equals(text)) {
        return false;
      }
      text = decoded;
    }
    return true;
  }

  private static boolean hasUnsafeSegment(String text) {
    if (text.indexOf('\\') >= 0) {
      return true;
    }
    for (String segment : text.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Decodes the {@code %XX} escapes of ASCII characters; leaves everything else as it is. */
  private static String decodeAscii(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high >= 0 && high < 8 && low >= 0) {
          out.append((char) (high * 16 + low));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
