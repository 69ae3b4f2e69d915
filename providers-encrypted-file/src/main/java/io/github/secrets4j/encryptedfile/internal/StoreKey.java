package io.github.secrets4j.encryptedfile.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The store's key material: an AEAD keyset (AES-256-GCM) that encrypts the values, a MAC keyset
 * (HMAC-SHA256, 256-bit tag) that seals the whole file, and the id of the store they belong to.
 *
 * <p>Serialized as a JSON object {@code {"format":..., "store":..., "aead":{Tink keyset},
 * "mac":{Tink keyset}}}: the two keysets in Tink's own JSON keyset format, in the clear (the key
 * file is protected by its file mode, like an ssh private key). Never printed: {@link #toString()}
 * names the store id and the key ids only.
 */
final class StoreKey {
  static final String FORMAT = "secrets4j-encrypted-file-key/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    try {
      AeadConfig.register();
      MacConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String storeId;
  private final KeysetHandle aeadKeys;
  private final KeysetHandle macKeys;
  private final Aead aead;
  private final Mac mac;

  private StoreKey(String storeId, KeysetHandle aeadKeys, KeysetHandle macKeys)
      throws GeneralSecurityException {
    this.storeId = storeId;
    this.aeadKeys = aeadKeys;
    this.macKeys = macKeys;
    this.aead = aeadKeys.getPrimitive(ConfigurationV0.get(), Aead.class);
    this.mac = macKeys.getPrimitive(ConfigurationV0.get(), Mac.class);
  }

  /** A new key for a new store: fresh keysets and a random store id. */
  static StoreKey generate() throws GeneralSecurityException {
    return new StoreKey(
        UUID.randomUUID().toString(),
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
        KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG));
  }

  /**
   * Parses a serialized key: the JSON text of a key file, or the same text base64-encoded (for an
   * environment variable).
   *
   * @throws IllegalStateException with a message that holds no key material when it is not a key
   */
  static StoreKey parse(String text) {
    String json = text.strip();
    if (!json.startsWith("{")) {
      try {
        json = new String(Base64.getDecoder().decode(json), StandardCharsets.UTF_8).strip();
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("it is neither a JSON key nor base64 of one");
      }
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      // Jackson's message may quote key material: not kept, not chained.
      throw new IllegalStateException("it is not valid JSON");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new IllegalStateException("it is not a secrets4j encrypted-file key (format " + FORMAT + ")");
    }
    String store = root.path("store").asText("");
    if (store.isEmpty() || !root.path("aead").isObject() || !root.path("mac").isObject()) {
      throw new IllegalStateException("it lacks one of the fields store, aead, mac");
    }
    try {
      KeysetHandle aead =
          TinkJsonProtoKeysetFormat.parseKeyset(root.get("aead").toString(), InsecureSecretKeyAccess.get());
      KeysetHandle mac =
          TinkJsonProtoKeysetFormat.parseKeyset(root.get("mac").toString(), InsecureSecretKeyAccess.get());
      return new StoreKey(store, aead, mac);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Tink's messages do not quote key bytes, but nothing of the cause is kept all the same.
      throw new IllegalStateException("its keysets are not valid AES-256-GCM and HMAC-SHA256 Tink keysets");
    }
  }

  /** The JSON text of this key, as written to a key file. Holds key material: never log it. */
  String serialize() throws GeneralSecurityException {
    try {
      ObjectNode root = JSON.createObjectNode();
      root.put("format", FORMAT);
      root.put("store", storeId);
      root.set("aead", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(aeadKeys, InsecureSecretKeyAccess.get())));
      root.set("mac", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(macKeys, InsecureSecretKeyAccess.get())));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new GeneralSecurityException("cannot serialize the key");
    }
  }

  /** This key plus a new primary key in each keyset; the old keys still decrypt and verify. */
  StoreKey withNewPrimary() throws GeneralSecurityException {
    return new StoreKey(
        storeId,
        addPrimary(aeadKeys, PredefinedAeadParameters.AES256_GCM),
        addPrimary(macKeys, PredefinedMacParameters.HMAC_SHA256_256BITTAG));
  }

  /** This key with only the primary key of each keyset left. */
  StoreKey primaryOnly() throws GeneralSecurityException {
    return new StoreKey(storeId, keepPrimary(aeadKeys), keepPrimary(macKeys));
  }

  private static KeysetHandle addPrimary(KeysetHandle keys, Parameters parameters)
      throws GeneralSecurityException {
    return KeysetHandle.newBuilder(keys)
        .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
        .build();
  }

  private static KeysetHandle keepPrimary(KeysetHandle keys) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys);
    for (int i = builder.size() - 1; i >= 0; i--) {
      if (!builder.getAt(i).isPrimary()) {
        builder.deleteAt(i);
      }
    }
    return builder.build();
  }

  String storeId() {
    return storeId;
  }

  Aead aead() {
    return aead;
  }

  Mac mac() {
    return mac;
  }

  /** The ids of the MAC keys (not secret: Tink writes the primary's id in front of each tag). */
  List<Integer> macKeyIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < macKeys.size(); i++) {
      ids.add(macKeys.getAt(i).getId());
    }
    return ids;
  }

  int aeadKeyCount() {
    return aeadKeys.size();
  }

  @Override
  public String toString() {
    return "StoreKey[store=" + storeId + ", macKeyIds=" + macKeyIds() + "]";
  }
}
