package io.github.secrets4j.encryptedfile.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A file channel that writes the first {@code budget} bytes and then fails as a full disk does. */
final class FailingChannel extends FileChannel {
  private final FileChannel real;
  private long budget;

  FailingChannel(FileChannel real, long budget) {
    this.real = real;
    this.budget = budget;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (budget <= 0) {
      throw new IOException("No space left on device");
    }
    int n = (int) Math.min(src.remaining(), budget);
    ByteBuffer slice = src.slice().limit(n);
    int written = real.write(slice);
    src.position(src.position() + written);
    budget -= written;
    return written;
  }

  @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
  @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
  @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { throw new IOException("No space left on device"); }
  @Override public long position() throws IOException { return real.position(); }
  @Override public FileChannel position(long p) throws IOException { real.position(p); return this; }
  @Override public long size() throws IOException { return real.size(); }
  @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
  @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
  @Override public long transferTo(long p, long c, WritableByteChannel t) throws IOException { return real.transferTo(p, c, t); }
  @Override public long transferFrom(ReadableByteChannel s, long p, long c) throws IOException { throw new IOException("No space left on device"); }
  @Override public int read(ByteBuffer dst, long p) throws IOException { return real.read(dst, p); }
  @Override public int write(ByteBuffer src, long p) throws IOException { throw new IOException("No space left on device"); }
  @Override public MappedByteBuffer map(MapMode m, long p, long s) throws IOException { return real.map(m, p, s); }
  @Override public FileLock lock(long p, long s, boolean sh) throws IOException { return real.lock(p, s, sh); }
  @Override public FileLock tryLock(long p, long s, boolean sh) throws IOException { return real.tryLock(p, s, sh); }
  @Override protected void implCloseChannel() throws IOException { real.close(); }
}
