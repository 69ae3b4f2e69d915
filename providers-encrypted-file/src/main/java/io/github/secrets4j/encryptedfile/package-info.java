/** The encrypted-file store (design: see the end of this file, filled in below). */
package io.github.secrets4j.encryptedfile;
