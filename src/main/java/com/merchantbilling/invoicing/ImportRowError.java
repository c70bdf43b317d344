package com.merchantbilling.invoicing;

/**
 * A row of an import file that was (or will be) skipped.
 *
 * @param line          the line in the file, 1 being the header
 * @param invoiceNumber as written in the row, possibly blank
 * @param column        the column at fault, blank for the row as a whole
 * @param message       what is wrong, in English, with the value that was found
 */
public record ImportRowError(int line, String invoiceNumber, ImportProblem problem, String column, String message) {
}
