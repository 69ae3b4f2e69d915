/**
 * The embedded default store of secrets4j, slug {@code encrypted-file}: one local JSON file whose
 * values are encrypted with Google Tink. No server; the cryptography and the key format are
 * Tink's, the store does only layout, locking and atomic replacement.
 *
 * <h2>Files</h2>
 *
 * <ul>
 *   <li><b>The store file</b> (default {@code ~/.secrets4j/store.json}), mode 0600:
 *       <pre>{@code
 * {"format": "secrets4j-encrypted-file/1", "store": "<store id>", "generation": 42,
 *  "entries": [ {"key": "db/password", "created": "...", "updated": "...", "kind": "opaque",
 *                "description": "...", "labels": {"team": "ops"}, "owner": "alice",
 *                "grants": ["bob"],
 *                "versions": [{"version": 3, "created": "...", "value": "<base64 ciphertext>"}, ...]},
 *               ... sorted by key ],
 *  "mac": "<base64 Tink MAC tag>"}
 * }</pre>
 *       Keys, metadata, owners and grants are in the clear; each value is encrypted with the
 *       AEAD keyset (AES-256-GCM) with the associated data (format, store id, key, version), so a
 *       ciphertext does not decrypt under another key, version or store. The last
 *       {@code max-versions} versions (default 5) are kept.
 *   <li><b>The key file</b> (default {@code store.key} next to the store), mode 0600, created
 *       with the store on the first put: {@code {"format": "secrets4j-encrypted-file-key/1",
 *       "store": "<store id>", "aead": <Tink keyset>, "mac": <Tink keyset>}}, the two keysets in
 *       Tink's JSON keyset format, in the clear. The same text (or its base64) may be given
 *       inline instead (a setting, typically an environment variable). A key file that group or
 *       others may access in any way is refused, as ssh refuses such a private key.
 *   <li><b>The lock file</b> {@code store.json.lock}, mode 0600: every write holds an exclusive
 *       {@code FileLock} on it (and a lock within the JVM), so writers in several processes are
 *       serialised. Readers take no lock.
 * </ul>
 *
 * <h2>What the MAC covers</h2>
 *
 * <p>The {@code mac} field is a Tink HMAC-SHA256 (256-bit tag) over a canonical encoding of
 * everything else: the format, the store id, the generation, the number of entries and, for each
 * entry in key order, its key, created, updated, kind, description (present or not), labels,
 * owner (present or not), grants and every kept version (number, time, ciphertext). Each field is
 * length-prefixed, so no two different stores encode alike. The generation grows by one per
 * write.
 *
 * <p><b>Detected</b> (a {@code SecretProviderError} naming the file and its setting): any edit,
 * addition, removal or reordering of entries, versions, ciphertexts, descriptions, labels, kinds,
 * times, owners or grants, or of the generation; a ciphertext moved to another entry, even with a
 * re-computed MAC (the associated data refuses it); a store file of another store (store id); a
 * wrong key (the tag's key id is not in the key file); a truncated or non-JSON file (line and
 * column, never the content); unknown or duplicated fields; a rollback to an older, validly sealed
 * copy, or the removal of the file, <i>while an engine that saw the newer generation is
 * running</i>.
 *
 * <p><b>Not detected</b>: a rollback of the whole store file to an older copy sealed with the same
 * key, seen by a process that never read the newer one (a fresh start), as with SOPS. Keeping the
 * generation's high-water mark elsewhere (for example in the key file) would close this; it is not
 * done.
 *
 * <h2>Threat model of the key file</h2>
 *
 * <p>The key file protects the values against whoever can read the store file but not the key
 * file: a backup, a synced folder, a copied home directory without {@code store.key}, another
 * user when the key file's mode holds. It also makes any edit of the store file detectable by
 * anyone who lacks it. It does not protect against whoever can read the key file (the same user,
 * root, a process running as the user, a backup that holds both files): with it, every value can
 * be decrypted and a tampered store can be re-sealed. Keep the key file out of the store's backups,
 * or give the key inline from a secret manager. Key rotation adds a new primary key, re-encrypts
 * and re-seals everything with it, and only then drops the old keys; a crash at any step leaves a
 * key file that opens the store file.
 *
 * <h2>Writes and reads</h2>
 *
 * <p>A write re-reads the file under the lock and verifies it, writes the new content to a
 * temporary file in the same folder (mode 0600), fsyncs it, renames it over the store with
 * {@code ATOMIC_MOVE} and fsyncs the folder: a reader, or a process killed at any point, sees the
 * old file or the new one. A write that fails (a full disk, a read-only folder) leaves the
 * previous file as it was; temporary files of a killed writer, of the store file and of the key
 * file (each of those a whole keyset), are removed under the lock by the next write that changes
 * the store. A new key file is a fsynced temporary file hard-linked as the key file, which fails
 * when one exists (an {@code ATOMIC_MOVE} renames over it on Linux): racing creators end with one
 * key, the losers load it. A read costs one {@code stat} of the store file and one decryption: the
 * verified content is kept in memory (ciphertexts only) and re-read when the size, modification
 * time or file key (inode) changed. A verification that fails is retried (a bounded number of
 * times) when the store or key file changed since they were read: a key rotation that completed
 * between reading the store and loading the key is no "wrong key".
 *
 * <h2>What the engine keeps between calls</h2>
 *
 * <p>An engine keeps the content it last verified or wrote (the snapshot): the parsed entries,
 * the key they were verified with, the stamp (size, modification time, file key) of the file
 * they came from and the SHA-256 of its bytes. A write puts the state it wrote in the snapshot,
 * with the stamp of the file it wrote (taken before the rename, which keeps size, time and inode),
 * so the next read or write does not parse the file again.
 *
 * <ul>
 *   <li><b>Writes</b> always read the file's bytes under the lock, and skip only the parse and
 *       the MAC check, when the bytes hash to the snapshot's and the key is the one it was
 *       verified with. Verifying is a function of the bytes, the key and the highest generation
 *       seen, and the snapshot's generation is that highest generation, so the result is what
 *       verifying again would give: another process's write (other bytes) is parsed and
 *       verified, and a tampered file is refused, even an edit in place that kept the size and
 *       put the modification time back, which no stamp shows.
 *   <li><b>Reads</b> trust the stamp, as before: another writer always renames a new file into
 *       place (a new inode), which the stamp shows. An edit in place that keeps the size and puts
 *       the modification time back (or lands in the same tick of a coarse file system clock) is
 *       not seen by an engine that already holds the file: it goes on serving the content it
 *       verified or wrote itself, never the edit, and its next write refuses the file. A new
 *       engine (a fresh process) reads and verifies the file.
 * </ul>
 */
package io.github.secrets4j.encryptedfile;
