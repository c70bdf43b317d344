package com.merchantbilling.ui.billing;

/**
 * Fixed text (a translated label) written into a LitRenderer template instead of being sent as a property of
 * every row. A property costs each row a JSON entry whose name is the renderer's namespace plus the property's
 * name (~30 characters, a new string per row), on the heap until the response is written and in the response
 * itself; the template is sent once per grid. The grid is built for one language (a language switch reloads the
 * page), so the text is fixed for the template's lifetime.
 * <p>
 * The template is the body of a JavaScript template literal that Lit parses as HTML (vaadin-renderer-flow's
 * {@code lit-renderer.ts} builds it with {@code new Function(..., "return html`" + template + "`")}), so the
 * text is escaped for both: HTML's special characters as entities, then the template literal's {@code \},
 * backtick and {@code $}.
 */
final class LitTemplateText {

    private LitTemplateText() {
    }

    static String of(String text) {
        var html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
        return html.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$");
    }
}
