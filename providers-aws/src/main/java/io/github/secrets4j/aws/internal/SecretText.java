package io.github.secrets4j.aws.internal;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Turns a GetSecretValue response into the text a secret resolves to: the {@code SecretString},
 * or the {@code SecretBinary} bytes read as UTF-8; with a {@code key}, one field of that text read
 * as a JSON object. No error raised here quotes the value or a parser message (which would).
 */
public final class SecretText {
  private SecretText() {}

  /**
   * Returns the whole value of {@code response}.
   *
   * @throws io.github.secrets4j.SecretValueNotFoundError if the version holds neither form
   * @throws io.github.secrets4j.SecretProviderError if it holds bytes that are not UTF-8 text
   */
  public static String of(SecretRequest request, CallDescription call,
      GetSecretValueResponse response) {
    if (response.secretString() != null) {
      return response.secretString();
    }
    SdkBytes binary = response.secretBinary();
    if (binary == null) {
      throw request.notFound(call.describe() + " returned neither SecretString nor SecretBinary");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(binary.asByteArrayUnsafe()))
          .toString();
    } catch (CharacterCodingException e) {
      throw request.providerError(call.describe() + " returned a SecretBinary of "
          + binary.asByteArrayUnsafe().length + " bytes that is not UTF-8 text; this provider "
          + "returns text only: store the value as a SecretString (for example base64-encoded)");
    }
  }

  /**
   * Returns the field {@code key} of {@code text} read as a JSON object: a string as is, a number
   * or boolean as its JSON text, an object or array as JSON text.
   *
   * @throws io.github.secrets4j.SecretParametersError if {@code text} is not a JSON object
   * @throws io.github.secrets4j.SecretValueNotFoundError
   *     {@code The secret value could not be retrieved using key 'KEY'} if the object has no such
   *     field (or it is {@code null})
   */
  public static String field(ProviderContext context, SecretRequest request, CallDescription call,
      String text, String key) {
    Map<String, JsonNode> object = parseObject(text).orElseThrow(() -> request.parametersError(
        "The \"key\" parameter is set to '" + context.escape(key) + "' but the value of "
            + call.describe() + " is not a JSON object; remove \"key\" to get the whole value"));
    JsonNode field = object.get(key);
    if (field == null || field.isNull()) {
      throw request.notFound(
          "The secret value could not be retrieved using key '" + context.escape(key) + "'");
    }
    if (field.isString()) {
      return field.asString();
    }
    if (field.isNumber()) {
      return field.asNumber();
    }
    if (field.isBoolean()) {
      return Boolean.toString(field.asBoolean());
    }
    return field.toString();
  }

  private static Optional<Map<String, JsonNode>> parseObject(String text) {
    JsonNode node;
    try {
      node = JsonNode.parser().parse(text);
    } catch (RuntimeException e) {
      // Deliberately dropped: the parser's message quotes the text it could not read.
      return Optional.empty();
    }
    return node.isObject() ? Optional.of(node.asObject()) : Optional.empty();
  }
}
