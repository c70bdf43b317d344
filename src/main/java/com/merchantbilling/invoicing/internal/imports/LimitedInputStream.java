package com.merchantbilling.invoicing.internal.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a limit of bytes and fails beyond it, so an oversized upload is refused, not buffered. */
final class LimitedInputStream extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("More than " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
    }
}
