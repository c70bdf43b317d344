package com.merchantbilling.invoicing;

import java.util.List;

/** What an import stored, and every row it skipped with the reason. */
public record ImportResult(int imported, List<ImportRowError> skipped) {

    public ImportResult {
        skipped = List.copyOf(skipped);
    }
}
