package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified content an engine keeps between calls: a write builds on it only when the file's
 * bytes are still those it verified or wrote, and what a write wrote is what the next read serves.
 */
class SnapshotTest {
  @TempDir Path dir;

  private Path storeFile() {
    return dir.resolve("store.json");
  }

  private EncryptedFileEngine engine() {
    return EncryptedFileEngine.withKeyFile(storeFile(), dir.resolve("store.key"), 5);
  }

  @Test
  void aWriteBuildsOnWhatAnotherEngineWroteInBetween() {
    EncryptedFileEngine a = engine();
    EncryptedFileEngine b = engine();
    a.put("a", "1", EntryMetadata.empty(), Optional.empty());
    b.put("b", "2", EntryMetadata.empty(), Optional.empty());
    a.put("c", "3", EntryMetadata.empty(), Optional.empty());
    b.remove("a");
    a.put("d", "4", EntryMetadata.empty(), Optional.empty());
    for (EncryptedFileEngine e : new EncryptedFileEngine[] {a, b, engine()}) {
      assertThat(e.list()).extracting(EntryInfo::key).containsExactly("b", "c", "d");
      assertThat(e.value("c", OptionalLong.empty())).contains("3");
    }
  }

  /**
   * Flips one base64 character of a ciphertext in place (same inode, same size) and puts the
   * modification time back: a change no stamp shows.
   */
  private void editInPlaceKeepingTheStamp() throws IOException {
    Path store = storeFile();
    FileTime modified = Files.getLastModifiedTime(store);
    Optional<FileStamp> before = FileStamp.of(store);
    String text = Files.readString(store, StandardCharsets.UTF_8);
    int at = text.indexOf("\"value\" : \"") + "\"value\" : \"".length() + 4;
    char replacement = text.charAt(at) == 'A' ? 'B' : 'A';
    try (FileChannel channel = FileChannel.open(store, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {(byte) replacement}), at);
    }
    Files.setLastModifiedTime(store, modified);
    assertThat(FileStamp.of(store)).as("the edit left the stamp as it was").isEqualTo(before);
  }

  @Test
  void aWriteRefusesAnInPlaceEditThatKeptTheSizeAndTheModificationTime() throws IOException {
    EncryptedFileEngine store = engine();
    store.put("k", "v1", EntryMetadata.empty(), Optional.empty());
    store.put("k", "v2", EntryMetadata.empty(), Optional.empty());
    editInPlaceKeepingTheStamp();
    byte[] edited = Files.readAllBytes(storeFile());
    assertThatThrownBy(() -> store.put("other", "v", EntryMetadata.empty(), Optional.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("failed its integrity check");
    assertThat(Files.readAllBytes(storeFile())).as("nothing sealed over the edit").isEqualTo(edited);
  }

  @Test
  void aReadAfterAWriteServesTheStateWrittenWhileTheStampHolds() throws IOException {
    EncryptedFileEngine store = engine();
    store.put("k", "v1", EntryMetadata.empty(), Optional.empty());
    store.put("k", "v2", EntryMetadata.empty(), Optional.empty());
    // The documented limit of reads (a stat, not a re-read): an edit no stamp shows is not seen
    // by the engine that wrote the file; it reads what it wrote and verified, never the edit.
    editInPlaceKeepingTheStamp();
    assertThat(store.value("k", OptionalLong.empty())).contains("v2");
    assertThatThrownBy(() -> engine().value("k", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("failed its integrity check");
  }

  @Test
  void aFileTouchedButNotChangedIsStillWrittenOver() throws IOException {
    EncryptedFileEngine store = engine();
    store.put("k", "v1", EntryMetadata.empty(), Optional.empty());
    Files.setLastModifiedTime(storeFile(), FileTime.fromMillis(0));
    assertThat(store.value("k", OptionalLong.empty())).contains("v1");
    store.put("k", "v2", EntryMetadata.empty(), Optional.empty());
    assertThat(engine().value("k", OptionalLong.empty())).contains("v2");
  }

  @Test
  void aWriteAfterAKeyRotationSealsWithTheNewKey() throws IOException {
    EncryptedFileEngine store = engine();
    store.put("k", "v1", EntryMetadata.empty(), Optional.empty());
    store.rotateKey();
    store.put("k", "v2", EntryMetadata.empty(), Optional.empty());
    EncryptedFileEngine fresh = engine();
    assertThat(fresh.value("k", OptionalLong.empty())).contains("v2");
    assertThat(fresh.value("k", OptionalLong.of(1))).contains("v1");
    assertThat(StoreKey.parse(Files.readString(dir.resolve("store.key"))).aeadKeyCount()).isEqualTo(1);
  }
}
