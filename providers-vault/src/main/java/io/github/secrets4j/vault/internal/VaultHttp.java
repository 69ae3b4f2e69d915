package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.rest.Rest;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;
import io.github.secrets4j.spi.ProviderContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one Vault through the driver's {@link Rest} on the Vault's one shared
 * {@link java.net.http.HttpClient}, retrying transient failures (connection refused, timeouts,
 * HTTP 412/429/5xx, a sealed Vault) a bounded number of times with exponential back-off.
 *
 * <p>4xx answers other than 412 and 429 are returned, not retried: the caller decides what they
 * mean. Nothing here logs or reports a header, a request body or a response body; Vault's
 * {@code errors} entries are printed through {@link ProviderContext#escape}.
 */
final class VaultHttp {
  private static final Logger LOG = LoggerFactory.getLogger(VaultHttp.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final int SHOWN_PATH = 200;

  private final VaultSettings settings;
  private final VaultConfig config;
  private final ProviderContext context;

  VaultHttp(VaultSettings settings, VaultConfig config, ProviderContext context) {
    this.settings = settings;
    this.config = config;
    this.context = context;
  }

  /** One answer from Vault. */
  static final class Response {
    final int status;
    final byte[] body;
    /** The URL for messages: its API path is bounded (it may come from a template). */
    final String url;

    Response(int status, byte[] body, String url) {
      this.status = status;
      this.body = body;
      this.url = url;
    }
  }

  /** Returns the URL of an API path, for example {@code https://vault:8200/v1/secret/data/app}. */
  String url(String apiPath) {
    return config.getAddress() + "/v1/" + apiPath;
  }

  /**
   * Returns the URL of an API path for a message or a log line: the path is already encoded
   * (so it holds no control character), and is cut after {@value #SHOWN_PATH} characters.
   */
  private String shownUrl(String apiPath) {
    return config.getAddress() + "/v1/" + context.escape(apiPath, SHOWN_PATH);
  }

  /** Percent-encodes each segment of a path, keeping the {@code /} between them. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  /**
   * Sends a GET ({@code body == null}) or a POST and returns the first answer that is not
   * transient.
   *
   * @param apiPath the path after {@code /v1/}, already encoded
   * @param token the token for {@code X-Vault-Token}, or {@code null}
   * @param query query parameters (GET only)
   * @param body the JSON body of a POST, or {@code null} for a GET
   * @param attempts how many attempts at most (1 = no retry)
   * @throws VaultFailure when every attempt failed transiently, or on a failure that retrying
   *     cannot fix (TLS, interruption); the message names the URL and what happened
   */
  Response send(String apiPath, String token, Map<String, String> query, byte[] body, int attempts)
      throws VaultFailure {
    return send(body == null ? "GET" : "POST", apiPath, token, query, body, attempts);
  }

  /**
   * Sends a request with {@code method} ({@code GET}, {@code POST} or {@code DELETE}; a LIST is a
   * GET with {@code list=true}) and returns the first answer that is not transient. Only call it
   * with {@code attempts > 1} for a request that is safe to repeat: idempotent, or refused by
   * Vault when repeated (a KV v2 write with {@code cas}).
   *
   * @param method the HTTP method
   * @param apiPath the path after {@code /v1/}, already encoded
   * @param token the token for {@code X-Vault-Token}, or {@code null}
   * @param query query parameters
   * @param body the JSON body of a POST, or {@code null}
   * @param attempts how many attempts at most (1 = no retry)
   * @throws VaultFailure as {@link #send(String, String, Map, byte[], int)}
   */
  Response send(String method, String apiPath, String token, Map<String, String> query,
      byte[] body, int attempts) throws VaultFailure {
    String url = url(apiPath);
    String shown = shownUrl(apiPath);
    String problem = "no attempt was made";
    Throwable cause = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        backOff(attempt - 1, shown, problem);
      }
      try {
        Rest rest = new Rest(config.getHttpClient())
            .url(url)
            .header("X-Vault-Token", token)
            .header("X-Vault-Namespace", config.getNameSpace())
            .header("X-Vault-Request", "true")
            .readTimeoutSeconds(config.getReadTimeout());
        for (Map.Entry<String, String> parameter : query.entrySet()) {
          rest.parameter(parameter.getKey(), parameter.getValue());
        }
        RestResponse response;
        switch (method) {
          case "GET":
            response = rest.get();
            break;
          case "DELETE":
            response = rest.delete();
            break;
          case "POST":
            response = rest.header("Content-Type", "application/json").body(body).post();
            break;
          default:
            throw new IllegalArgumentException("unsupported method " + method);
        }
        int status = response.getStatus();
        if (!transientStatus(status)) {
          return new Response(status, response.getBody(), shown);
        }
        String errors = VaultJson.errorText(response.getBody());
        problem = "HTTP " + status + (errors.isEmpty() ? "" : " (" + context.escape(errors, 300) + ")");
        cause = null;
      } catch (RestException e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        if (interrupted(root)) {
          Thread.currentThread().interrupt();
          throw VaultFailure.provider("Interrupted while calling HashiCorp Vault at " + shown);
        }
        if (hasCause(root, SSLException.class)) {
          throw VaultFailure.provider("TLS handshake with HashiCorp Vault at " + shown + " failed ("
              + rootCause(root).getClass().getSimpleName() + "); check "
              + settings.key("ca-cert") + " and " + settings.key("tls-verify"), ioCause(root));
        }
        problem = describe(root);
        cause = ioCause(root);
      }
    }
    throw VaultFailure.provider("HashiCorp Vault at " + shown + " failed after " + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ") + problem, cause);
  }

  private static boolean transientStatus(int status) {
    return status == 412 || status == 429 || status >= 500;
  }

  private String describe(Throwable failure) {
    if (hasCause(failure, HttpConnectTimeoutException.class)) {
      return "connection not established within the open timeout of "
          + seconds(settings.openTimeout());
    }
    if (hasCause(failure, HttpTimeoutException.class)) {
      return "no response within the read timeout of " + config.getReadTimeout() + "s";
    }
    if (hasCause(failure, ConnectException.class)) {
      return "connection refused";
    }
    if (hasCause(failure, UnknownHostException.class)) {
      return "unknown host";
    }
    if (failure instanceof IOException) {
      return "I/O error (" + failure.getClass().getSimpleName() + ")";
    }
    return "request failed (" + failure.getClass().getSimpleName() + ")";
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }

  private void backOff(int retry, String url, String problem) throws VaultFailure {
    long base = settings.retryBackoff().toMillis();
    long delay = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(retry - 1, 16));
    // Equal jitter: half fixed, half random, so many clients do not retry in lockstep.
    long sleep = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    LOG.debug("HashiCorp Vault at {}: {}; retry {} of {} in {} ms", url, problem, retry,
        settings.retries(), sleep);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VaultFailure.provider("Interrupted while waiting to retry HashiCorp Vault at " + url);
    }
  }

  private static boolean interrupted(Throwable failure) {
    return hasCause(failure, InterruptedException.class);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The I/O exception to attach as a cause: its message names hosts and conditions, never a token. */
  private static Throwable ioCause(Throwable failure) {
    return failure instanceof IOException ? failure : null;
  }
}
