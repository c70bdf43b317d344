package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Labels written into a Lit template: escaped for HTML and for the JavaScript template literal around it. */
class LitTemplateTextTests {

    @Test
    void plainLabelsStayAsTheyAre() {
        assertThat(LitTemplateText.of("Copy Payment Link URL")).isEqualTo("Copy Payment Link URL");
        assertThat(LitTemplateText.of("支払リンクのURLをコピー")).isEqualTo("支払リンクのURLをコピー");
    }

    @Test
    void htmlSpecialCharactersBecomeEntities() {
        assertThat(LitTemplateText.of("Check <now> & \"pay\" 'later'"))
                .isEqualTo("Check &lt;now&gt; &amp; &quot;pay&quot; &#39;later&#39;");
    }

    @Test
    void nothingEndsTheTemplateLiteralOrStartsAnExpression() {
        // a ${...} would be evaluated by the browser, a backtick would end the literal, a backslash escape it
        assertThat(LitTemplateText.of("${alert(1)} `x` a\\b")).isEqualTo("\\${alert(1)} \\`x\\` a\\\\b");
    }
}
