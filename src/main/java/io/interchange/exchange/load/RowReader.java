package io.interchange.exchange.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;

/**
 * Rows of an upload, one at a time, so a file of any size is read in constant memory. A row that cannot even be read
 * (bad JSON, ragged CSV line) comes back as a problem with its line number; reading then goes on where it can.
 */
public interface RowReader extends Closeable {

    /** One row, or the reason it could not be read. {@code line} is 1-based (the CSV header is line 1). */
    record Next(long line, ObjectNode row, String problem) {}

    /** The next row, or null at the end. */
    Next next() throws IOException;
}
