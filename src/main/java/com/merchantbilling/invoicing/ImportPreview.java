package com.merchantbilling.invoicing;

import java.util.List;

/**
 * An import file read and checked, nothing stored yet.
 *
 * @param rows every data row in the file
 */
public record ImportPreview(int rows, List<ImportedInvoice> valid, List<ImportRowError> errors) {

    public ImportPreview {
        valid = List.copyOf(valid);
        errors = List.copyOf(errors);
    }
}
