package org.cryptorch.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File plumbing shared by the readers and writers: memory-mapped reads and all-or-nothing writes. */
final class FileIo {
    /** Body of an atomic write. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private FileIo() {
    }

    /** Maps {@code file} read-only; protobuf and our formats address at most 2 GiB. */
    static ByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException(file + ": " + size + " bytes; CrypTorch reads files of at most 2 GiB"
                    + " (ONNX models that large keep weights as external data, which is not supported)");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Writes through a temporary file in the target's directory, then moves it into place atomically, so a
     * failed or interrupted write never leaves a partial {@code file}.
     */
    static void writeAtomically(Path file, Writer body) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }
}
